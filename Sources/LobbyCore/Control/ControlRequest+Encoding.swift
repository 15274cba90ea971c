import Foundation

/// The request as a line on the socket: the one description of the wire shape that lobbyctl
/// writes and `ControlRequest.parse` reads (`ControlRequestTests/roundTrip`).
extension ControlRequest: Encodable {
    private struct Field: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: Field.self)
        let put = { (name: String, value: any Encodable) in try fields.encode(value, forKey: Field(name)) }
        switch self {
        case .status: try put("command", "status")
        case .watch: try put("command", "watch")
        case .playlists: try put("command", "playlists")
        case .reload: try put("command", "reload")
        case .events(let kinds, let since, let limit):
            try put("command", "events")
            if !kinds.isEmpty { try put("kinds", kinds.map(\.rawValue)) }
            if let since { try put("since", ControlTime.format(since)) }
            try put("limit", limit)
        case .schedule(let from, let days):
            try put("command", "schedule")
            if let from { try put("from", ControlTime.format(from)) }
            try put("days", days)
        case .override(let state, let until, let reason):
            try put("command", "override")
            try put("state", state.rawValue)
            if let until { try put("until", ControlTime.format(until)) }
            try put("reason", reason)
        case .maintenanceStart(let note, let pattern):
            try put("command", "maintenance")
            try put("action", "start")
            try put("note", note)
            if let pattern { try put("pattern", pattern.rawValue) }
        case .maintenanceEnd(let note):
            try put("command", "maintenance")
            try put("action", "end")
            if !note.isEmpty { try put("note", note) }
        case .dailyCheck(let note):
            try put("command", "daily-check")
            try put("note", note)
        case .testPattern(let pattern, let minutes):
            try put("command", "test-pattern")
            try put("pattern", pattern.rawValue)
            try put("minutes", minutes)
        case .emergencyShow(let name, let playlist, let sheet):
            try put("command", "emergency")
            try put("action", "show")
            try put("name", name)
            try put("playlist", playlist)
            try put("sheet", sheet)
        case .emergencyClear(let reason):
            try put("command", "emergency")
            try put("action", "clear")
            try put("reason", reason)
        }
    }

    /// One line for the socket (with its newline), asking for the reply in `language`.
    public func line(replyIn language: Language) -> [UInt8] {
        struct Envelope: Encodable {
            let request: ControlRequest
            let language: Language

            func encode(to encoder: any Encoder) throws {
                try request.encode(to: encoder)
                var fields = encoder.container(keyedBy: Field.self)
                try fields.encode(language.rawValue, forKey: Field("lang"))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, whole numbers and arrays of strings cannot fail to encode.
        let json = (try? encoder.encode(Envelope(request: self, language: language))) ?? Data("{}".utf8)
        return Array(json) + [0x0A]
    }
}

extension ControlTime {
    /// `2026-11-25T01:00:00Z`: to the second, as `parse` reads it back.
    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
