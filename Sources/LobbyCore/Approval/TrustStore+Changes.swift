/// What a reload changed in the keys, for the event log, and which keys are near their last
/// day, for `lobbyctl status`.
extension TrustStore {
    /// One change of the keys: `key_added`, `key_revoked` or `key_expired`.
    public struct Change: Sendable, Equatable {
        public var kind: EventKind
        public var keyID: String
        /// The roster's name for the key, or the key file's holder.
        public var holder: String
        /// The revocation's reason, or the key's last day.
        public var detail: String

        public init(kind: EventKind, keyID: String, holder: String, detail: String) {
            (self.kind, self.keyID, self.holder, self.detail) = (kind, keyID, holder, detail)
        }
    }

    /// A key with a last day, and whose it is.
    public struct Expiry: Sendable, Equatable {
        public var keyID: String
        public var holder: String
        public var lastDay: LocalDate
    }

    /// The roster's name for `keyID`, or the key file's holder.
    public func holder(of keyID: String) -> String {
        roster.entries(for: keyID).first?.name ?? keys[keyID]?.holder ?? keyID
    }

    /// What changed since `old`: keys installed, keys newly on the revocation list, and keys past
    /// their last day on `today` that `reported` does not list yet (each is told once).
    public func changes(since old: TrustStore, today: LocalDate, reported: Set<String>) -> [Change] {
        var changes: [Change] = []
        for id in keys.keys.sorted() where old.keys[id] == nil {
            let roles = roster.entries(for: id).flatMap(\.roles).sorted().map(\.word)
                .joined(separator: Messages.Punctuation.list.description)
            changes.append(Change(kind: .keyAdded, keyID: id, holder: holder(of: id), detail: roles))
        }
        // Only keys that were trusted: an entry for a key never installed revokes nothing.
        for id in revoked.keys.sorted() where old.revoked[id] == nil && keys[id] != nil {
            changes.append(Change(kind: .keyRevoked, keyID: id, holder: holder(of: id), detail: revoked[id]!.reason))
        }
        for expiry in expiries where today > expiry.lastDay && !reported.contains(expiry.keyID) {
            changes.append(
                Change(kind: .keyExpired, keyID: expiry.keyID, holder: expiry.holder, detail: "\(expiry.lastDay)"))
        }
        return changes
    }

    /// Every trusted, unrevoked key that has a last day.
    public var expiries: [Expiry] {
        keys.values.filter { revoked[$0.keyID] == nil }.compactMap { key in
            key.validUntil.map { Expiry(keyID: key.keyID, holder: holder(of: key.keyID), lastDay: $0) }
        }.sorted { ($0.lastDay, $0.keyID) < ($1.lastDay, $1.keyID) }
    }
}
