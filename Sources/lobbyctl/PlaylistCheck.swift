import ArgumentParser
import Foundation
import LobbyCore
import LobbyRender

/// The daemon's own playlist validation, set up from the configuration, for `verify`, `submit`
/// and `preview`: same font, panel, trusted keys and content rules, so the same messages.
struct PlaylistCheck: ParsableArguments {
    @OptionGroup var configuration: ConfigurationOption

    @Option(name: .customLong("trusted-keys"), help: Messages.Help.trustedKeys.argument)
    var trustedKeys: String?

    /// Validates `file` (and `file.sig`) now; prints the problems and exits 2 when rejected.
    func verify(_ file: String) throws -> (Playlist, publisher: String, bytes: [UInt8], signature: [UInt8]) {
        let configuration = try configuration.load()
        let playlistFile: PlaylistFile
        let validator: PlaylistValidator
        do {
            // The validator reports a file over the configured size; this bound only stops a runaway read.
            playlistFile = try PlaylistFile.read(file, limit: 64 << 20)
            let trust = try TrustStore.load(directory: trustedKeys ?? configuration.paths.trustedKeys)
            validator = PlaylistValidator(
                configuration: configuration, trust: trust, fitting: try TextRenderer(configuration: configuration))
        } catch {
            Console.error("lobbyctl: \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
        switch validator.validate(playlistFile, now: Date()) {
        case .accepted(let playlist, let publisher):
            return (playlist, publisher, playlistFile.bytes, playlistFile.signature ?? [])
        case .rejected(let problems):
            let now = configuration.timeZone.iso8601(Date())
            Console.error(RejectionReport.text(file: file, problems: problems, rejectedAt: now), terminator: "")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}

extension Playlist {
    /// What `lobbyctl verify` prints for an accepted playlist.
    func summary(publisher: String, zone: TimeZone) -> String {
        let chain = approval
        let steps = Messages.Console.chain(
            section: chain.section, drafted: "\(chain.drafted.person) \(chain.drafted.date)",
            reviewed: "\(chain.reviewed.person) \(chain.reviewed.date)", confidentiality: chain.confidentialityReview,
            approved: "\(chain.approved.person) \(chain.approved.date)", document: chain.documentNumber)
        return Messages.Console.playlistSummary(
            id: id, version: version, title: title, items: items.count, from: zone.iso8601(validFrom),
            until: zone.iso8601(validUntil), chain: steps, publisher: publisher
        ).description
    }
}
