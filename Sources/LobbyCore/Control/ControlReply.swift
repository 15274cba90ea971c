import Foundation

// Replies on the control socket. Each is one JSON object on one line with a "class"; keys are
// snake_case and instants are ISO 8601 strings in the hall's zone. The schema is versioned by
// `ControlProtocol.version` and documented in docs/STATUS.md.

/// Encodes and decodes replies the same way on both ends of the socket.
public enum ControlCoding {
    /// One line of JSON: snake_case keys, sorted, slashes unescaped (`ControlLineEncoder`).
    public static func line(_ value: some Encodable) -> [UInt8] {
        // Every reply type is plain strings, finite numbers and lists: encoding cannot fail.
        var line = (try? ControlLineEncoder.encode(value)) ?? []
        line.append(0x0A)
        return line
    }

    public static func decode<T: Decodable>(_ type: T.Type, from line: some Collection<UInt8>) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: Data(line))
    }

    /// The `class` of a reply line, to decide how to decode the rest.
    public static func replyClass(of line: some Collection<UInt8>) -> String? {
        (try? decode(ClassOnly.self, from: line))?.class
    }

    private struct ClassOnly: Decodable {
        var `class`: String
    }
}

/// The greeting, first line of every connection.
public struct VersionReply: Codable, Sendable, Equatable {
    public var `class` = "VERSION"
    public var release: String
    public var proto = ControlProtocol.version
    /// The hall's language (`[site] language`): lobbyctl speaks it unless told otherwise.
    /// Absent from older daemons.
    public var language: String?
    public init(release: String, language: Language? = nil) {
        self.release = release
        self.language = language?.rawValue
    }
}

/// A refused or failed request; the connection stays open (unless the line was too long).
public struct ErrorReply: Codable, Sendable, Equatable {
    public var `class` = "ERROR"
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// A change was made; `message` says what, in words for the operator.
public struct DoneReply: Codable, Sendable, Equatable {
    public var `class` = "DONE"
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// One event-log row, as `events` lists it and `watch` streams it.
public struct EventRecord: Codable, Sendable, Equatable {
    public var `class` = "EVENT"
    public var ts: String
    public var kind: String
    public var actor: String
    public var detail: [String: String]
    public init(ts: String, kind: String, actor: String, detail: [String: String]) {
        (self.ts, self.kind, self.actor, self.detail) = (ts, kind, actor, detail)
    }
}

public struct EventsReply: Codable, Sendable, Equatable {
    public var `class` = "EVENTS"
    public var events: [EventRecord]
    public init(events: [EventRecord]) { self.events = events }
}

/// The answer to `watch`: events follow, one `EVENT` line each.
public struct WatchReply: Codable, Sendable, Equatable {
    public var `class` = "WATCH"
    public var enable = true
    public init() {}
}

public struct ScheduleReply: Codable, Sendable, Equatable {
    public struct Transition: Codable, Sendable, Equatable {
        public var at: String
        public var on: Bool
        public var reason: String
        public init(at: String, on: Bool, reason: String) { (self.at, self.on, self.reason) = (at, on, reason) }
    }
    public var `class` = "SCHEDULE"
    public var transitions: [Transition]
    public init(transitions: [Transition]) { self.transitions = transitions }
}

public struct PlaylistsReply: Codable, Sendable, Equatable {
    public struct Active: Codable, Sendable, Equatable {
        /// One verified step of the playlist's approval sheet.
        public struct Approval: Codable, Sendable, Equatable {
            /// `draft`, `review`, `approve` or `publish` (`ApprovalRole`).
            public var role: String
            public var person: String
            public var date: String
            public init(role: String, person: String, date: String) {
                (self.role, self.person, self.date) = (role, person, date)
            }
        }
        public var id: String
        public var version: Int
        public var title: String
        public var items: Int
        public var accepted: String
        /// The approval chain, in order (protocol 1 replies from older lobbyd lack it).
        public var approvals: [Approval]?
        public init(
            id: String, version: Int, title: String, items: Int, accepted: String, approvals: [Approval]? = nil
        ) {
            (self.id, self.version, self.title, self.items, self.accepted) = (id, version, title, items, accepted)
            self.approvals = approvals
        }
    }
    public struct Rejected: Codable, Sendable, Equatable {
        public var file: String
        public var reason: String
        public init(file: String, reason: String) { (self.file, self.reason) = (file, reason) }
    }
    /// A file in incoming/ that lobbyd has not taken yet.
    public struct Waiting: Codable, Sendable, Equatable {
        public enum Partner: String, Codable, Sendable {
            /// A playlist waiting for its `.sig`; a signature waiting for its playlist.
            case signature, playlist
            /// Both are there: being validated now.
            case none
        }
        public var file: String
        public var waitsFor: Partner
        /// Seconds until it is dealt with alone (rejected for want of its partner); `nil` when
        /// it waits for nothing.
        public var secondsLeft: Int?
        public init(file: String, waitsFor: Partner, secondsLeft: Int?) {
            (self.file, self.waitsFor, self.secondsLeft) = (file, waitsFor, secondsLeft)
        }
    }
    public var `class` = "PLAYLISTS"
    public var active: [Active]
    /// File names in accepted/, newest last.
    public var accepted: [String]
    /// The newest rejections with their reason files' text.
    public var rejected: [Rejected]
    /// Files in incoming/ (protocol 1 replies from older lobbyd lack it).
    public var waiting: [Waiting]?
    public init(active: [Active], accepted: [String], rejected: [Rejected], waiting: [Waiting]? = nil) {
        (self.active, self.accepted, self.rejected, self.waiting) = (active, accepted, rejected, waiting)
    }
}
