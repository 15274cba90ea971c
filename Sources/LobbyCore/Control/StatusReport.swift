import Foundation

/// The `status` reply: everything an operator asks first, in one object. A stable schema
/// (docs/STATUS.md): fields are only added, never renamed, within one `proto` version.
public struct StatusReport: Codable, Sendable, Equatable {
    public struct Screen: Codable, Sendable, Equatable {
        public var on: Bool
        /// In words: "workday window 08:20-12:00", "override by li: 消防演练".
        public var reason: String
        /// What decides now: "schedule", "override", "maintenance" or "test-pattern".
        public var cause: String
        /// When the screen last turned on or off, if this daemon saw it.
        public var since: String?

        public init(on: Bool, reason: String, cause: String, since: String? = nil) {
            self.on = on
            self.reason = reason
            self.cause = cause
            self.since = since
        }
    }

    public struct Transition: Codable, Sendable, Equatable {
        public var at: String
        public var on: Bool

        public init(at: String, on: Bool) {
            self.at = at
            self.on = on
        }
    }

    public struct Showing: Codable, Sendable, Equatable {
        /// `id` of each playlist in the rotation, with its version: `hall-news@3`.
        public var playlists: [String]
        /// Items in the rotation, `id#version#index`.
        public var items: [String]
        public var pages: Int
        /// The standing notice is shown because no playlist is valid.
        public var fallback: Bool
        /// Valid items left out because the sign holds no more pages.
        public var omitted: Int

        public init(playlists: [String], items: [String], pages: Int, fallback: Bool, omitted: Int) {
            self.playlists = playlists
            self.items = items
            self.pages = pages
            self.fallback = fallback
            self.omitted = omitted
        }
    }

    public struct Link: Codable, Sendable, Equatable {
        public var device: String
        /// "closed", "opening", "probing", "ready" or "failed".
        public var state: String
        public var since: String
        public var retries: Int
        public var lastError: String?
        /// Bytes sent of the upload in progress and its size; both 0 when idle.
        public var bytesSent: Int
        public var bytesTotal: Int
        /// Seconds until the upload in progress ends, at the configured baud rate.
        public var etaSeconds: Double?
        public var lastUpload: String?

        public init(
            device: String, state: String, since: String, retries: Int, lastError: String? = nil, bytesSent: Int,
            bytesTotal: Int, etaSeconds: Double? = nil, lastUpload: String? = nil
        ) {
            self.device = device
            self.state = state
            self.since = since
            self.retries = retries
            self.lastError = lastError
            self.bytesSent = bytesSent
            self.bytesTotal = bytesTotal
            self.etaSeconds = etaSeconds
            self.lastUpload = lastUpload
        }
    }

    public struct Override: Codable, Sendable, Equatable {
        public var on: Bool
        public var from: String
        public var until: String
        public var reason: String
        public var actor: String

        public init(on: Bool, from: String, until: String, reason: String, actor: String) {
            self.on = on
            self.from = from
            self.until = until
            self.reason = reason
            self.actor = actor
        }
    }

    public struct Maintenance: Codable, Sendable, Equatable {
        public var since: String
        public var actor: String
        public var note: String
        public var pattern: String?

        public init(since: String, actor: String, note: String, pattern: String? = nil) {
            self.since = since
            self.actor = actor
            self.note = note
            self.pattern = pattern
        }
    }

    public struct Pattern: Codable, Sendable, Equatable {
        public var pattern: String
        public var until: String
        public var actor: String

        public init(pattern: String, until: String, actor: String) {
            self.pattern = pattern
            self.until = until
            self.actor = actor
        }
    }

    public var `class` = "STATUS"
    public var proto = ControlProtocol.version
    public var release: String
    public var now: String
    public var screen: Screen
    /// The next scheduled flip, if any within the calendar's reach.
    public var next: Transition?
    public var showing: Showing
    public var link: Link
    public var overrides: [Override]
    public var maintenance: Maintenance?
    public var testPattern: Pattern?
    /// The last daily upkeep check recorded today, if any.
    public var dailyCheck: String?
    /// Problems an operator should act on: calendar missing, content stale, store degraded.
    public var warnings: [String]
    /// The hall's zone (`[time_zone]`), so clients print times as the hall reads them; absent
    /// from older daemons.
    public var timeZone: String?

    public init(
        release: String, now: String, screen: Screen, next: Transition?, showing: Showing, link: Link,
        overrides: [Override], maintenance: Maintenance?, testPattern: Pattern?, dailyCheck: String?,
        warnings: [String], timeZone: String? = nil
    ) {
        self.release = release
        self.now = now
        self.screen = screen
        self.next = next
        self.showing = showing
        self.link = link
        self.overrides = overrides
        self.maintenance = maintenance
        self.testPattern = testPattern
        self.dailyCheck = dailyCheck
        self.warnings = warnings
        self.timeZone = timeZone
    }
}
