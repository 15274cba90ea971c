import Foundation

/// The publishers whose signatures the hall accepts: every `*.pub` in the trusted-keys directory,
/// minus the keys listed in its `revoked-keys.toml`.
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

    public init(keys: [TrustedKey] = [], revoked: [Revocation] = []) {
        for key in keys { self.keys[key.keyID] = key }
        for revocation in revoked { self.revoked[revocation.keyID] = revocation }
    }

    /// Loads `directory`; a missing directory trusts nobody (every playlist is then rejected
    /// with a message saying so), an unreadable key file is an error.
    public static func load(directory: String) throws(LobbyCoreError) -> TrustStore {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return TrustStore() }
        var store = TrustStore()
        for name in names.sorted() where name.hasSuffix(".pub") {
            let key = try TrustedKey.load(path: "\(directory)/\(name)")
            store.keys[key.keyID] = key
        }
        if names.contains("revoked-keys.toml") {
            for revocation in try loadRevocations(path: "\(directory)/revoked-keys.toml") {
                store.revoked[revocation.keyID] = revocation
            }
        }
        return store
    }

    /// Why `signature` does not authorise `bytes`, or `nil` and the publisher's name when it does.
    public func check(_ signature: DetachedSignature, of bytes: [UInt8]) -> Result<String, TrustFailure> {
        guard let key = keys[signature.keyID] else { return .failure(.unknownKey(signature.keyID)) }
        if let revocation = revoked[signature.keyID] { return .failure(.revoked(revocation, publisher: key.publisher)) }
        guard key.isValidSignature(signature.signature, for: bytes) else {
            return .failure(.badSignature(publisher: key.publisher))
        }
        return .success(key.publisher)
    }

    private static func loadRevocations(path: String) throws(LobbyCoreError) -> [Revocation] {
        let root = try TOMLSource.load(path: path)
        let revocations = (root.tables("revoked") ?? []).compactMap { table -> Revocation? in
            defer { table.finish() }
            let keyID = table.require("key_id", table.string)
            let date = table.localDate("date")
            let reason = table.string("reason") ?? Messages.Playlist.noReasonGiven.description
            return keyID.map { Revocation(keyID: $0, date: date, reason: reason) }
        }
        root.finish()
        try root.diagnostics.throwIfAny()
        return revocations
    }
}

/// Why a signature was not accepted.
public enum TrustFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case revoked(TrustStore.Revocation, publisher: String)
    case badSignature(publisher: String)

    public var description: String {
        switch self {
        case .unknownKey(let id):
            Messages.Playlist.unknownKey(id).description
        case .revoked(let revocation, let publisher):
            Messages.Playlist.revokedKey(
                revocation.keyID, of: publisher, on: revocation.date, reason: revocation.reason
            ).description
        case .badSignature(let publisher):
            Messages.Playlist.badSignature(publisher).description
        }
    }
}
