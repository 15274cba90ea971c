import Foundation

/// An approved playlist as the content office publishes it: what may be shown, when, and the
/// record of the three-step review that allowed it. See `playlists/FORMAT.md`.
public struct Playlist: Sendable, Equatable {
    /// Stable name across versions, `[a-z0-9-]`, at most 64 characters.
    public var id: String
    /// Increases with every republication of the same `id`.
    public var version: Int
    public var title: String
    /// The playlist may be shown over `[validFrom, validUntil)`.
    public var validFrom: Date
    public var validUntil: Date
    public var approval: ApprovalChain
    public var items: [PlaylistItem]

    public init(
        id: String, version: Int, title: String, validFrom: Date, validUntil: Date, approval: ApprovalChain,
        items: [PlaylistItem]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.approval = approval
        self.items = items
    }

    public func isValid(at instant: Date) -> Bool {
        validFrom <= instant && instant < validUntil
    }
}

/// One message of a playlist.
public struct PlaylistItem: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable { case page, `static`, scroll }
    public enum Priority: String, Sendable, CaseIterable { case normal, emergency }
    public enum DayPart: String, Sendable, CaseIterable {
        case all, morning, afternoon

        /// The part of the day a local time falls in: morning before noon, afternoon from it.
        public init(at time: LocalTime) {
            self = time.secondOfDay < 12 * 3600 ? .morning : .afternoon
        }
    }
    public enum Alignment: String, Sendable, CaseIterable { case left, center, right }

    /// One of the hall's content categories (`service-hall`, `hotline-12345`, …).
    public var category: String
    public var text: String
    public var mode: Mode = .page
    /// Seconds each page is shown (page/static modes).
    public var seconds = 8
    /// Dots per second (scroll mode).
    public var scrollSpeed = 16
    /// `red`, `green` or `amber`; only `red` on a mono panel.
    public var color = "red"
    public var alignment: Alignment = .left
    public var priority: Priority = .normal
    /// Which opening window the item belongs to; `all` shows it in both.
    public var dayPart: DayPart = .all
    /// Item-level validity inside the playlist's, when set.
    public var validFrom: Date?
    public var validUntil: Date?
    /// Where the item is defined (`items[2]`), for messages.
    public var path: String

    public init(category: String, text: String, path: String) {
        self.category = category
        self.text = text
        self.path = path
    }
}
