import ArgumentParser
import Foundation
import LobbyCore
import LobbyDaemon
import LobbyLink
import LobbyRender
import Logging

/// `lobbyd`: the hall screen daemon. Parses arguments and hands over to `LobbyDaemon`.
@main
struct Lobbyd: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: "Drives the service hall's LED screen with approved content, inside opening hours.",
            version: versionText)
    }

    @Option(name: .long, help: "Configuration file.")
    var config = Release.defaultConfigurationPath

    @Flag(name: .long, help: "Validate the configuration, print what lobbyd would do, and exit (2 if invalid).")
    var checkConfig = false

    @Option(
        name: .long,
        help:
            "TESTING AND DEMO ONLY: run the wall clock from this instant (hall time), e.g. 2026-10-09T08:19:50. Refused under systemd."
    )
    var clockStart: String?

    func run() async throws {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(path: config)
        } catch {
            FileHandle.standardError.write(Data("lobbyd: invalid configuration\n\(error)\n".utf8))
            throw ExitCode(ExitStatus.invalidInput)
        }
        if checkConfig {
            let findings = configuration.checkFiles { try TextRenderer(configuration: $0) }
            for finding in findings { FileHandle.standardError.write(Data("lobbyd: \(finding)\n".utf8)) }
            guard !findings.contains(where: \.isError) else { throw ExitCode(ExitStatus.invalidInput) }
            print("\(config): OK\n\(configuration.summary)")
            return
        }
        DaemonLogging.bootstrap(level: configuration.logLevel)
        let clock = try wallClock(zone: configuration.timeZone)
        do {
            try await Daemon.run(configuration: configuration, configurationPath: config, clock: clock)
        } catch {
            Logger(label: "lobbyd").critical("cannot run: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
    }

    private func wallClock(zone: TimeZone) throws -> WallClock {
        guard let clockStart else { return WallClock() }
        guard !SystemdNotifier.underSystemd() else {
            FileHandle.standardError.write(
                Data("lobbyd: --clock-start is for testing and demos and is refused under systemd\n".utf8))
            throw ExitCode(ExitStatus.invalidInput)
        }
        guard let start = zone.parseInstant(clockStart) else {
            FileHandle.standardError.write(
                Data("lobbyd: --clock-start \(clockStart): expected YYYY-MM-DDTHH:MM[:SS]\n".utf8))
            throw ExitCode(ExitStatus.invalidInput)
        }
        return WallClock(startingAt: start)
    }

    private static var versionText: String {
        let freeType = FreeTypeLibrary.version() ?? "unavailable"
        return "lobbyd \(Release.version) (FreeType \(freeType), libserialport \(SerialPortInfo.libraryVersion()))"
    }
}
