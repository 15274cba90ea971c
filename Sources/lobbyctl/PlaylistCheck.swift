import ArgumentParser
import Foundation
import LobbyCore
import LobbyRender

/// The daemon's own playlist validation, set up from the configuration, for `verify`, `submit`,
/// `approve`, `sign` and `preview`: same font, panel, trusted keys, roster and content rules, so
/// the same messages.
struct PlaylistCheck: ParsableArguments {
    @OptionGroup var configuration: ConfigurationOption

    @Option(name: .customLong("trusted-keys"), help: Messages.Help.trustedKeys.argument)
    var trustedKeys: String?

    @Option(name: .customLong("people"), help: Messages.Help.people.argument)
    var people: String?

    /// The validator lobbyd would use, with the options' trusted keys and roster.
    func validator() throws -> (PlaylistValidator, Configuration) {
        let configuration = try configuration.load()
        do {
            var paths = configuration.paths
            paths.trustedKeys = trustedKeys ?? paths.trustedKeys
            paths.people = people ?? paths.people
            let validator = PlaylistValidator(
                configuration: configuration, trust: try TrustStore.load(paths),
                fitting: try TextRenderer(configuration: configuration))
            return (validator, configuration)
        } catch {
            Console.error("lobbyctl: \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// Reads `file` and `file.sig`.
    func read(_ file: String) throws -> PlaylistFile {
        do {
            // The validator reports a file over the configured size; this bound only stops a runaway read.
            return try PlaylistFile.read(file, limit: 64 << 20)
        } catch {
            Console.error("lobbyctl: \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// Validates `file` (and `file.sig`) at `now`; prints the problems and exits 2 when rejected.
    func verify(_ file: String, at now: Date = Date()) throws -> (Playlist, bytes: [UInt8], signature: [UInt8]) {
        let playlistFile = try read(file)
        let playlist = try check(file: file, bytes: playlistFile.bytes, sheet: playlistFile.signature, at: now)
        return (playlist, playlistFile.bytes, playlistFile.signature ?? [])
    }

    /// Validates `bytes` with the approval sheet `sheet`, which must be signed through `through`;
    /// prints the problems and exits 2 when rejected.
    func check(file: String, bytes: [UInt8], sheet: [UInt8]?, through: ApprovalRole = .publish, at now: Date = Date())
        throws -> Playlist
    {
        let (validator, configuration) = try validator()
        switch validator.validate(file: file, bytes: bytes, signature: sheet, now: now, through: through) {
        case .accepted(let playlist, _):
            return playlist
        case .rejected(let problems):
            Console.error(
                RejectionReport.text(file: file, problems: problems, rejectedAt: configuration.timeZone.iso8601(now)),
                terminator: "")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}

extension Playlist {
    /// What `lobbyctl verify` prints for an accepted playlist.
    func summary(zone: TimeZone) -> String {
        Messages.Console.playlistSummary(
            id: id, version: version, title: title, items: items.count, from: zone.iso8601(validFrom),
            until: zone.iso8601(validUntil), chain: Messages.Console.chain(approval)
        ).description
    }
}
