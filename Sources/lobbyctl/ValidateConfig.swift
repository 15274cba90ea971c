import ArgumentParser
import LobbyCore
import LobbyProtocol
import LobbyRender

/// `lobbyctl validate-config FILE`: the daemon's own configuration check, usable before
/// installing a file into /etc/lobbyd.
struct ValidateConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-config",
        abstract: Messages.Help.validateConfig.description)

    @Argument(help: Messages.Help.configFile.argument)
    var file: String

    func run() throws {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(path: file)
        } catch {
            Console.error("\(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
        // What the daemon will open, opened now: a missing font or calendar is found here, not
        // by a daemon that fails at every restart.
        let findings = configuration.checkFiles(
            makeFitting: { try TextRenderer(configuration: $0) }, makeController: { _ = try ControllerFactory.make($0) }
        )
        for finding in findings { Console.error("\(file): \(finding)") }
        guard !findings.contains(where: \.isError) else { throw ExitCode(ExitStatus.invalidInput) }
        print("\(file): OK\n\(configuration.summary)")
    }
}
