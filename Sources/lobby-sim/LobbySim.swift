import ArgumentParser

/// `lobby-sim`: a simulated hall sign on a pseudo-terminal. The simulator itself arrives with the
/// controller-link issue; until then this entry point says so instead of pretending to run.
@main
struct LobbySim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lobby-sim",
        abstract: "Simulated Alpha-protocol hall sign on a pseudo-terminal (not built in this release).")

    func run() throws {
        print("lobby-sim: the simulated sign is not built in this release")
        throw ExitCode.failure
    }
}
