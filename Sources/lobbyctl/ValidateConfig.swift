import ArgumentParser
import LobbyCore

/// `lobbyctl validate-config FILE`: the daemon's own configuration check, usable before
/// installing a file into /etc/lobbyd.
struct ValidateConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-config",
        abstract: "Check a lobbyd.toml and print what the daemon would do with it (exit 2 if invalid).")

    @Argument(help: "The configuration file to check.")
    var file: String

    func run() throws {
        do {
            let configuration = try Configuration.load(path: file)
            print("\(file): OK\n\(configuration.summary)")
        } catch {
            Console.error("\(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}
