import ArgumentParser
import Foundation
import LobbyCore

/// `lobbyctl keys`: every trusted key with its holder, roles from the roster, last day and
/// state, and the roster's keys that are not installed. Reads the files lobbyd reads.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: Messages.Help.keys.description)

    @OptionGroup var check: PlaylistCheck

    func run() throws {
        let (validator, configuration) = try check.validator()
        let trust = validator.trust
        let today = configuration.timeZone.localTime(of: Date()).date
        print(Messages.Console.keysHeader(trust.keys.count))
        for key in trust.keys.values.sorted(by: { trust.holder(of: $0.keyID) < trust.holder(of: $1.keyID) }) {
            let entries = trust.roster.entries(for: key.keyID)
            let roles = entries.map { Messages.Approval.held($0).description }
            let state: Localized =
                if let revocation = trust.revoked[key.keyID] {
                    Messages.Console.keyRevoked(on: revocation.date, revocation.reason)
                } else if let last = key.validUntil {
                    Messages.Console.keyValidUntil(last, daysLeft: last.dayNumber - today.dayNumber)
                } else {
                    Messages.Console.keyWithoutEnd
                }
            print(
                Console.visible(
                    "  \(key.keyID)  \(trust.holder(of: key.keyID))  "
                        + "\(roles.isEmpty ? Messages.Console.noRole.description : roles.joined(separator: "; "))  "
                        + state.description))
        }
        let missing = trust.roster.entries.filter { trust.keys[$0.keyID] == nil }
        if !missing.isEmpty {
            print(Messages.Console.rosterKeysMissing)
            for entry in missing {
                print(Console.visible("  \(entry.keyID)  \(entry.name)  \(Messages.Approval.held(entry))"))
            }
        }
    }
}
