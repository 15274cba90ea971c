import ArgumentParser
import Foundation
import LobbyCore
import LobbyDaemon
import LobbyLink
import LobbyProtocol
import LobbyRender
import Logging

/// `lobbyd`: the hall screen daemon. Parses arguments and hands over to `LobbyDaemon`.
@main
struct Lobbyd: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            abstract: Messages.Help.lobbyd.description,
            version: versionText)
    }

    /// `--help` and the messages before the configuration is read follow the locale; from then
    /// on, `[site] language`.
    static func main() async {
        Language.current = Language.chosen(
            flag: nil, environment: ProcessInfo.processInfo.environment, site: .chinese)
        do {
            var command = try parseAsRoot()
            if var daemon = command as? Lobbyd {
                try await daemon.run()
            } else {
                try command.run()
            }
        } catch {
            // As argument-parser's own `exit(withError:)`, with its phrases in our language.
            let code = exitCode(for: error)
            let message = Messages.ArgumentParser.words(fullMessage(for: error), in: .current)
            if !message.isEmpty {
                if code == .success {
                    print(message)
                } else {
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                }
            }
            Glibc.exit(code.rawValue)
        }
    }

    @Option(name: .long, help: Messages.Help.configuration.argument)
    var config = Release.defaultConfigurationPath

    @Flag(name: .long, help: Messages.Help.checkConfig.argument)
    var checkConfig = false

    @Option(
        name: .long,
        help:
            Messages.Help.clockStart.argument
    )
    var clockStart: String?

    func run() async throws {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(path: config)
        } catch {
            FileHandle.standardError.write(Data("lobbyd: \(Messages.Daemon.invalidConfiguration)\n\(error)\n".utf8))
            throw ExitCode(ExitStatus.invalidInput)
        }
        // Everything lobbyd says from here on (journal, replies, reason files, event messages)
        // is in the hall's language.
        Language.current = configuration.site.language
        if checkConfig {
            let findings = configuration.checkFiles(
                makeFitting: { try TextRenderer(configuration: $0) },
                makeController: { _ = try ControllerFactory.make($0) })
            for finding in findings { FileHandle.standardError.write(Data("lobbyd: \(finding)\n".utf8)) }
            guard !findings.contains(where: \.isError) else { throw ExitCode(ExitStatus.invalidInput) }
            print("\(config): OK\n\(configuration.summary)")
            return
        }
        let clock = try wallClock(zone: configuration.timeZone)
        DaemonLogging.bootstrap(level: configuration.logLevel, zone: configuration.timeZone, now: clock.now)
        do {
            try await Daemon.run(configuration: configuration, configurationPath: config, clock: clock)
        } catch {
            Logger(label: "lobbyd").critical("\(Messages.Daemon.cannotRun("\(error)"))")
            throw ExitCode(ExitStatus.failure)
        }
    }

    private func wallClock(zone: TimeZone) throws -> DaemonClock {
        guard let clockStart else { return DaemonClock() }
        guard !SystemdNotifier.underSystemd() else {
            FileHandle.standardError.write(
                Data("lobbyd: \(Messages.Daemon.clockStartUnderSystemd)\n".utf8))
            throw ExitCode(ExitStatus.invalidInput)
        }
        guard let start = zone.parseInstant(clockStart) else {
            FileHandle.standardError.write(
                Data("lobbyd: \(Messages.Daemon.badClockStart(clockStart))\n".utf8))
            throw ExitCode(ExitStatus.invalidInput)
        }
        return DaemonClock(startingAt: start)
    }

    private static var versionText: String {
        let freeType = FreeTypeLibrary.version() ?? "unavailable"
        return "lobbyd \(Release.version) (FreeType \(freeType), libserialport \(SerialPortInfo.libraryVersion()))"
    }
}

extension Localized {
    /// An option's help in the chosen language.
    fileprivate var argument: ArgumentHelp { ArgumentHelp(description) }
}
