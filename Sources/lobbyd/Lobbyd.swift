import ArgumentParser
import Foundation
import LobbyCore
import LobbyDaemon
import LobbyLink
import LobbyRender
import Logging

/// `lobbyd`: the hall screen daemon. Parses arguments and hands over to `LobbyDaemon`.
@main
struct Lobbyd: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: "Drives the service hall's LED screen with approved content, inside opening hours.",
            version: versionText)
    }

    @Option(name: .long, help: "Configuration file.")
    var config = Release.defaultConfigurationPath

    @Flag(name: .long, help: "Validate the configuration, print what lobbyd would do, and exit (2 if invalid).")
    var checkConfig = false

    func run() throws {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(path: config)
        } catch {
            FileHandle.standardError.write(Data("lobbyd: invalid configuration\n\(error)\n".utf8))
            throw ExitCode(ExitStatus.invalidInput)
        }
        if checkConfig {
            print("\(config): OK\n\(configuration.summary)")
            return
        }
        DaemonLogging.bootstrap(level: configuration.logLevel)
        let logger = Logger(label: "lobbyd")
        logger.info("configuration loaded", metadata: ["file": "\(config)"])
        logger.critical("the daemon's services are not built in this release; only --check-config works")
        throw ExitCode(ExitStatus.failure)
    }

    private static var versionText: String {
        let freeType = FreeTypeLibrary.version() ?? "unavailable"
        return "lobbyd \(Release.version) (FreeType \(freeType), libserialport \(SerialPortInfo.libraryVersion()))"
    }
}
