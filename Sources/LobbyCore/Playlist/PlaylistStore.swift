import Foundation

/// The accepted playlists and what they put on the screen: the newest accepted version of each
/// id, the rotation at a given instant, emergency pre-emption and content staleness.
///
/// Pure: the spool watcher feeds it accepted playlists (and, at start, the archive in accepted/),
/// and the player asks it what to show. Keeping the last good version of every id is what makes a
/// bad upload harmless: a rejected file never replaces anything.
public struct PlaylistStore: Sendable {
    /// What to do with a newly validated playlist, given what is already accepted.
    public enum Decision: Sendable, Equatable {
        case accept
        /// The same id and version is already accepted: nothing changes (logged, file archived).
        case duplicate(version: Int)
        /// A lower version than the one accepted: refused, so an old file cannot roll content back.
        case older(than: Int)
    }

    /// An accepted playlist and when it was accepted (for staleness).
    public struct Entry: Sendable, Equatable {
        public var playlist: Playlist
        public var acceptedAt: Date
    }

    /// One item in the rotation, with the playlist it belongs to.
    public struct Slot: Sendable, Equatable {
        public var playlistID: String
        public var version: Int
        public var index: Int
        public var item: PlaylistItem

        /// `id#version#index`: the item, as `status`, proof of play and clearing name it.
        public var key: String { "\(playlistID)#\(version)#\(index)" }
    }

    /// Newest accepted version of each id.
    public private(set) var entries: [String: Entry] = [:] {
        didSet { revision = Self.newRevision() }
    }
    /// The highest version ever accepted of each id, withdrawn ones included: a playlist never
    /// goes back to an older version (the spool persists it across restarts).
    public private(set) var floors: [String: Int] = [:]
    /// Changes with every change of what the store can show: the player keeps the rotation it
    /// built until the revision or the instant moves past `nextRotationChange`. 0 for an empty
    /// store; random after each change, so that two stores changed apart never share one.
    public private(set) var revision: UInt64 = 0

    public init() {}

    private static func newRevision() -> UInt64 { .random(in: .min ... .max) }

    public func decide(_ playlist: Playlist) -> Decision {
        guard let current = floors[playlist.id] else { return .accept }
        // The same version as one taken off the screen, passing again now: it goes back on.
        if playlist.version == current { return entries[playlist.id] == nil ? .accept : .duplicate(version: current) }
        return playlist.version < current ? .older(than: current) : .accept
    }

    /// Adds an accepted playlist; ignored unless `decide` says `.accept`.
    public mutating func add(_ playlist: Playlist, acceptedAt: Date) {
        guard decide(playlist) == .accept else { return }
        entries[playlist.id] = Entry(playlist: playlist, acceptedAt: acceptedAt)
        floors[playlist.id] = playlist.version
    }

    /// Puts back a playlist accepted before (restored from the archive at start or reload).
    public mutating func reinstate(_ playlist: Playlist, acceptedAt: Date) {
        entries[playlist.id] = Entry(playlist: playlist, acceptedAt: acceptedAt)
        raiseFloor(playlist.id, to: playlist.version)
    }

    /// Raises the floor of `id` to `version` (restored from the spool at start).
    public mutating func raiseFloor(_ id: String, to version: Int) {
        floors[id] = max(floors[id] ?? version, version)
    }

    /// Takes a playlist off the screen (its key was revoked, the rules changed); its version stays
    /// the floor, so an older one does not come back, and only that version (once it passes
    /// again) or a newer one can take its place.
    public mutating func withdraw(_ id: String) {
        entries[id] = nil
    }

    /// Playlists whose validity covers `instant`, by id.
    public func active(at instant: Date) -> [Playlist] {
        entries.values.map(\.playlist).filter { $0.isValid(at: instant) }.sorted { $0.id < $1.id }
    }

    /// What the screen rotates through at `instant` in the given part of the day: every valid
    /// item, or only the valid emergency items when there are any (they pre-empt at once and
    /// hold until they expire or an operator clears them: `cleared` holds their `Slot.key`s,
    /// from `Steering`). Empty means the fallback applies.
    public func rotation(at instant: Date, dayPart: PlaylistItem.DayPart, cleared: Set<String> = []) -> [Slot] {
        let slots = active(at: instant).flatMap { playlist in
            playlist.items.enumerated().compactMap { index, item -> Slot? in
                let from = item.validFrom ?? playlist.validFrom
                let until = item.validUntil ?? playlist.validUntil
                guard from <= instant, instant < until, item.dayPart == .all || item.dayPart == dayPart else {
                    return nil
                }
                return Slot(playlistID: playlist.id, version: playlist.version, index: index, item: item)
            }
        }
        let emergencies = slots.filter { $0.item.priority == .emergency && !cleared.contains($0.key) }
        return emergencies.isEmpty ? slots.filter { $0.item.priority == .normal } : emergencies
    }

    /// The first instant after `instant` at which a playlist or an item becomes valid or stops
    /// being valid: until then `rotation` gives the same slots (for the same part of the day).
    public func nextRotationChange(after instant: Date) -> Date? {
        var next: Date?
        func consider(_ date: Date?) {
            if let date, date > instant, next.map({ date < $0 }) ?? true { next = date }
        }
        for entry in entries.values {
            consider(entry.playlist.validFrom)
            consider(entry.playlist.validUntil)
            for item in entry.playlist.items {
                consider(item.validFrom)
                consider(item.validUntil)
            }
        }
        return next
    }

    /// When the newest playlist was accepted, `nil` when there is none.
    public var newestAcceptance: Date? {
        entries.values.map(\.acceptedAt).max()
    }

    /// Whether content has not been updated for `days` days at `instant` (`content_stale`).
    public func isStale(at instant: Date, days: Int) -> Bool {
        guard let newest = newestAcceptance else { return true }
        return instant.timeIntervalSince(newest) > Double(days) * 86_400
    }

}
