import Foundation

/// The keys the hall accepts and what their holders may sign: every `*.pub` in the trusted-keys
/// directory, minus the keys listed in its `revoked-keys.toml` and the keys past their
/// `valid_until`, with the roster (`people.toml`) saying who holds which role.
public struct TrustStore: Sendable {
    /// A key that may no longer sign, with when and why, for the rejection message.
    public struct Revocation: Sendable, Equatable {
        public var keyID: String
        public var date: LocalDate?
        public var reason: String

        public init(keyID: String, date: LocalDate?, reason: String) {
            self.keyID = keyID
            self.date = date
            self.reason = reason
        }
    }

    public private(set) var keys: [String: TrustedKey] = [:]
    public private(set) var revoked: [String: Revocation] = [:]
    public var roster: Roster

    public init(keys: [TrustedKey] = [], revoked: [Revocation] = [], roster: Roster = Roster()) {
        for key in keys { self.keys[key.keyID] = key }
        for revocation in revoked { self.revoked[revocation.keyID] = revocation }
        self.roster = roster
    }

    /// The revocation list's name inside the trusted-keys directory: the one way to revoke a key.
    public static let revocationFile = "revoked-keys.toml"

    /// Loads `directory` and the roster at `roster`. A missing directory or roster trusts
    /// nobody (every playlist is then rejected with a message saying so); an unreadable file is
    /// an error.
    public static func load(directory: String, roster: String) throws(LobbyCoreError) -> TrustStore {
        var store = TrustStore()
        if FileManager.default.fileExists(atPath: roster) {
            store.roster = try Roster.load(path: roster)
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return store }
        for name in names.sorted() where name.hasSuffix(".pub") {
            let key = try TrustedKey.load(path: "\(directory)/\(name)")
            store.keys[key.keyID] = key
        }
        if names.contains(revocationFile) {
            for revocation in try loadRevocations(path: "\(directory)/\(revocationFile)") {
                store.revoked[revocation.keyID] = revocation
            }
        }
        return store
    }

    /// Loads the files `paths` names.
    public static func load(_ paths: Configuration.Paths) throws(LobbyCoreError) -> TrustStore {
        try load(directory: paths.trustedKeys, roster: paths.people)
    }

    /// Why step `index` of `sheet` is not a valid signature on `today`, or the key that made it.
    public func check(_ sheet: ApprovalSheet, step index: Int, today: LocalDate) -> Result<TrustedKey, TrustFailure> {
        let step = sheet.steps[index]
        guard let key = keys[step.keyID] else { return .failure(.unknownKey(step.keyID)) }
        if let revocation = revoked[step.keyID] { return .failure(.revoked(revocation, holder: key.holder)) }
        if let last = key.validUntil, today > last { return .failure(.expired(step.keyID, holder: key.holder, last)) }
        guard key.isValidSignature(step.signature, for: sheet.message(upTo: index)) else {
            return .failure(.badSignature(holder: key.holder))
        }
        return .success(key)
    }

    private static func loadRevocations(path: String) throws(LobbyCoreError) -> [Revocation] {
        let root = try TOMLSource.load(path: path)
        let revocations = (root.tables("revoked") ?? []).compactMap { table -> Revocation? in
            defer { table.finish() }
            // Written as the .pub file has it, or in capitals, with spaces around: one mistyped
            // character must not leave a key trusted while the entry looks like a revocation.
            let keyID = table.require("key_id", table.string)?.trimmingCharacters(in: .whitespaces).lowercased()
            let date = table.localDate("date")
            let reason = table.string("reason") ?? Messages.Playlist.noReasonGiven.description
            guard let keyID else { return nil }
            guard TrustedKey.isKeyID(keyID) else {
                table.invalid("key_id", value: "\"\(keyID)\"", expected: Messages.Approval.keyID)
                return nil
            }
            return Revocation(keyID: keyID, date: date, reason: reason)
        }
        root.finish()
        try root.diagnostics.throwIfAny()
        return revocations
    }
}

/// Why a step's signature was not accepted.
public enum TrustFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case revoked(TrustStore.Revocation, holder: String)
    case expired(String, holder: String, LocalDate)
    case badSignature(holder: String)

    public var description: String {
        switch self {
        case .unknownKey(let id):
            Messages.Playlist.unknownKey(id).description
        case .revoked(let revocation, let holder):
            Messages.Playlist.revokedKey(
                revocation.keyID, of: holder, on: revocation.date, reason: revocation.reason
            ).description
        case .expired(let id, let holder, let last):
            Messages.Approval.expiredKey(id, of: holder, last).description
        case .badSignature(let holder):
            Messages.Playlist.badSignature(holder).description
        }
    }
}
