import Foundation

/// The control socket's protocol: JSON Lines over a Unix stream socket, gpsd style. The server
/// greets with a `VERSION` object; each request is one JSON object with a `"command"`; every reply
/// carries a `"class"`. The full description is in `docs/STATUS.md` and `lobbyctl --help`.
public enum ControlProtocol {
    /// Raised when a request or a reply changes incompatibly.
    public static let version = 1
    /// A longer line is answered with an error and the connection is closed.
    public static let maximumLineBytes = 65_536
    /// Connections at once; one more is told so and closed (the file descriptors stay bounded:
    /// 256 of the unit's 4,096). Room for 200 dashboards asking at once (issue 24); one user
    /// other than root still gets 16 at most (`ControlLimits`).
    public static let maximumClients = 256
    /// Clients following events at once (`watch`); one more is refused.
    public static let maximumWatchers = 16
    /// Requests a client may send ahead of reading the replies; one more closes the connection.
    public static let maximumQueuedRequests = 32
}

/// Test pictures for the technician's dead-dot check.
public enum TestPattern: String, Sendable, Equatable, CaseIterable, Codable {
    /// Every dot lit in the panel's first colour.
    case allOn = "all-on"
    case red, green, amber
    /// Alternate dots, then the inverse on the next page.
    case checkerboard
}

/// One request, parsed and checked; the daemon never sees an unchecked field.
public enum ControlRequest: Sendable, Equatable {
    public enum OverrideState: String, Sendable, Equatable, CaseIterable {
        case on, off
        /// Removes every override in force: the schedule decides again.
        case clear
    }

    case status
    case watch
    /// Newest `limit` events, optionally only of `kinds`, optionally only since an instant.
    case events(kinds: [EventKind], since: Date?, limit: Int)
    /// Screen flips in `[from, from + days)`; `from` is now when absent.
    case schedule(from: Date?, days: Int)
    case playlists
    /// `until` absent means "until the next scheduled transition".
    case override(state: OverrideState, until: Date?, reason: String)
    case maintenanceStart(note: String, pattern: TestPattern?)
    case maintenanceEnd(note: String)
    case dailyCheck(note: String)
    case testPattern(TestPattern, minutes: Int)
    case reload
    /// An approved emergency notice (`name`, its text and its approval sheet's) placed in the
    /// spool by lobbyd, for operators who may not write there.
    case emergencyShow(name: String, playlist: String, sheet: String)
    /// Takes the emergency items on the air off the screen before they expire.
    case emergencyClear(reason: String)

    /// The request as the journal and the event log show it, as lobbyctl's command line with
    /// times in the hall's zone: `override off --until 2026-11-25T11:00:00+08:00 --reason "消防演练"`.
    public func summary(in zone: TimeZone) -> String {
        // Single-quoted as a POSIX shell reads it: nothing inside is expanded.
        let quoted = { (text: String) in "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return switch self {
        case .status: "status"
        case .watch: "watch"
        case .events(let kinds, _, let limit):
            (["events"] + kinds.map { "--kind \($0.rawValue)" }).joined(separator: " ") + " --limit \(limit)"
        case .schedule(_, let days): "schedule --days \(days)"
        case .playlists: "playlists"
        case .override(let state, let until, let reason):
            "override \(state.rawValue)\(until.map { " --until \(zone.iso8601($0))" } ?? "") --reason \(quoted(reason))"
        case .maintenanceStart(let note, let pattern):
            // lint: not for people (lobbyctl's command line)
            "maintenance start --note \(quoted(note))\(pattern.map { " --pattern \($0.rawValue)" } ?? "")"
        case .maintenanceEnd(let note):
            // lint: not for people (lobbyctl's command line)
            "maintenance end" + (note.isEmpty ? "" : " --note \(quoted(note))")
        case .dailyCheck(let note): "daily-check --note \(quoted(note))"
        case .testPattern(let pattern, let minutes): "test-pattern \(pattern.rawValue) --minutes \(minutes)"
        case .reload: "reload"
        case .emergencyShow(let name, _, _):
            // lint: not for people (lobbyctl's command line)
            "emergency show \(quoted(name))"
        case .emergencyClear(let reason):
            // lint: not for people (lobbyctl's command line)
            "emergency clear --reason \(quoted(reason))"
        }
    }

    /// Commands that change anything: only root and the operators group may send them.
    public var changesState: Bool {
        switch self {
        case .status, .watch, .events, .schedule, .playlists: false
        case .override, .maintenanceStart, .maintenanceEnd, .dailyCheck, .testPattern, .reload, .emergencyShow,
            .emergencyClear:
            true
        }
    }

    public static let commands = [
        "status", "watch", "events", "schedule", "playlists", "override", "maintenance", "daily-check",
        "test-pattern", "reload", "emergency",
    ]

    /// Parses one line (without its newline). The error says which field is wrong and what is
    /// allowed, because the operator reads it.
    public static func parse(_ line: some Collection<UInt8>) throws(ControlRequestError) -> ControlRequest {
        try read(line).request.get()
    }

    /// The request on one line and the language it asks its reply in (`"lang": "en"`; lobbyctl
    /// sends its own), which also words the error when the request is refused: a line that is
    /// not a JSON object asks for none. The line is parsed once for both.
    public static func read(_ line: some Collection<UInt8>) -> (
        request: Result<ControlRequest, ControlRequestError>, language: Language?
    ) {
        guard line.count <= ControlProtocol.maximumLineBytes else {
            return (
                .failure(ControlRequestError(Messages.Request.tooLongRequest(ControlProtocol.maximumLineBytes))), nil
            )
        }
        let json = try? JSONSerialization.jsonObject(with: Data(line))
        let language = ((json as? [String: Any])?["lang"] as? String).flatMap(language(named:))
        return (Result { () throws(ControlRequestError) in try request(json, line: line) }, language)
    }

    /// The request `json` (the line's JSON, `nil` when it is none) describes.
    private static func request(_ json: Any?, line: some Collection<UInt8>) throws(ControlRequestError)
        -> ControlRequest
    {
        // UTF-8 only: JSONSerialization also reads UTF-16 and UTF-32 (a line full of NUL bytes,
        // valid UTF-8 byte by byte), which the duplicate-field check below would not see into.
        guard !line.contains(0), String(validating: line, as: UTF8.self) != nil else {
            throw ControlRequestError(Messages.Request.notUTF8)
        }
        guard let json else { throw ControlRequestError(Messages.Request.notJSON) }
        guard let object = json as? [String: Any] else { throw ControlRequestError(Messages.Request.oneObject) }
        // JSONSerialization keeps the last of a field given twice: a line could show a reader
        // one command and run another.
        var seen = Set<String>()
        for key in topLevelKeys(Array(line)) where !seen.insert(key).inserted {
            throw ControlRequestError(Messages.Request.duplicateField(key))
        }
        if let name = object["lang"], (name as? String).flatMap(language(named:)) == nil {
            throw ControlRequestError(Messages.Request.unknownLanguage("\(name)"))
        }
        var fields = Fields(object: object)
        let request = try fields.request()
        try fields.finish()
        return request
    }

    /// The keys of the object `json` is (valid JSON, already parsed), in order, duplicates kept.
    static func topLevelKeys(_ json: [UInt8]) -> [String] {
        var keys: [String] = []
        var depth = 0
        var expectingKey = false
        var index = 0
        while index < json.count {
            switch json[index] {
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < json.count, json[end] != UInt8(ascii: "\"") {
                    end += json[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                if depth == 1, expectingKey, end < json.count {
                    let quoted = json[index...end]
                    // Escapes are decoded by the JSON parser (\u0063ommand is command); the
                    // usual key has none and is read as it is, as every request is read.
                    if !quoted.contains(UInt8(ascii: "\\")) {
                        keys.append(String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self))
                    } else if let key = try? JSONSerialization.jsonObject(
                        with: Data(quoted), options: .fragmentsAllowed) as? String
                    {
                        keys.append(key)
                    }
                }
                expectingKey = false
                index = end
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingKey = depth == 1
            default:
                break
            }
            index += 1
        }
        return keys
    }

    /// The reply language a request names: "zh" or "en", or a locale name beginning so.
    static func language(named name: String) -> Language? {
        Language(rawValue: name) ?? Language(locale: name)
    }
}

/// Why a request was refused, in words for the operator, in both languages: lobbyd answers in
/// the language the request asks for.
public struct ControlRequestError: Error, Equatable, CustomStringConvertible {
    public var words: Localized
    public init(_ words: Localized) { self.words = words }
    public var description: String { words.description }
}

/// Typed access to a request's fields that remembers which were read, so unknown fields are
/// reported instead of ignored (a misspelt "until" must not become "until the next transition").
private struct Fields {
    let object: [String: Any]
    var used: Set<String> = ["command", "lang"]

    init(object: [String: Any]) { self.object = object }

    mutating func request() throws(ControlRequestError) -> ControlRequest {
        guard let command = object["command"] as? String else {
            throw ControlRequestError(Messages.Request.missingCommand(ControlRequest.commands.joined(separator: ", ")))
        }
        switch command {
        case "status": return .status
        case "watch": return .watch
        case "playlists": return .playlists
        case "reload": return .reload
        case "events":
            let kinds = try strings("kinds").map { (name) throws(ControlRequestError) -> EventKind in
                guard let kind = EventKind(rawValue: name) else {
                    throw ControlRequestError(Messages.Request.unknownKind(name))
                }
                return kind
            }
            return .events(kinds: kinds, since: try date("since"), limit: try integer("limit", in: 1...10_000) ?? 100)
        case "schedule":
            return .schedule(from: try date("from"), days: try integer("days", in: 1...366) ?? 7)
        case "override":
            guard let state = ControlRequest.OverrideState(rawValue: try required("state")) else {
                throw ControlRequestError(Messages.Request.state)
            }
            return .override(state: state, until: try date("until"), reason: try required("reason"))
        case "maintenance":
            switch try required("action") {
            case "start":
                return .maintenanceStart(note: try required("note"), pattern: try pattern("pattern"))
            case "end":
                return .maintenanceEnd(note: try plain("note", try string("note")?.trimmed ?? ""))
            default:
                throw ControlRequestError(Messages.Request.action)
            }
        case "daily-check":
            return .dailyCheck(note: try required("note"))
        case "emergency":
            switch try required("action") {
            case "show":
                let name = try required("name")
                guard Self.isSpoolName(name) else { throw ControlRequestError(Messages.Request.spoolName(name)) }
                guard let playlist = try string("playlist"), let sheet = try string("sheet") else {
                    throw ControlRequestError(Messages.Request.required("playlist"))
                }
                return .emergencyShow(name: name, playlist: playlist, sheet: sheet)
            case "clear":
                return .emergencyClear(reason: try required("reason"))
            default:
                throw ControlRequestError(Messages.Request.emergencyAction)
            }
        case "test-pattern":
            guard let pattern = try pattern("pattern") else {
                throw ControlRequestError(Messages.Request.missingPattern(Self.patternNames))
            }
            return .testPattern(pattern, minutes: try integer("minutes", in: 1...60) ?? 5)
        default:
            throw ControlRequestError(
                Messages.Request.unknownCommand(command, ControlRequest.commands.joined(separator: ", ")))
        }
    }

    func finish() throws(ControlRequestError) {
        let unknown = Set(object.keys).subtracting(used).sorted()
        guard unknown.isEmpty else {
            throw ControlRequestError(
                Messages.Request.unknownFields(unknown.map { "\"\($0)\"" }.joined(separator: ", ")))
        }
    }

    /// A playlist's file name as the content office gave it: `NAME.toml`, no directory, not
    /// hidden, no control characters, at most 100 characters (lobbyd puts it in `incoming/`
    /// under a name of its own).
    static func isSpoolName(_ name: String) -> Bool {
        name.hasSuffix(".toml") && name.count > 5 && name.count <= 100 && !name.hasPrefix(".") && !name.contains("/")
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    static let patternNames = TestPattern.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")

    private mutating func value(_ key: String) -> Any? {
        used.insert(key)
        return object[key]
    }

    mutating func string(_ key: String) throws(ControlRequestError) -> String? {
        guard let raw = value(key) else { return nil }
        guard let text = raw as? String else { throw ControlRequestError(Messages.Request.notString(key)) }
        return text
    }

    /// A non-blank string, at most 500 characters: reasons and notes go into the compliance record.
    mutating func required(_ key: String) throws(ControlRequestError) -> String {
        guard let text = try string(key)?.trimmed, !text.isEmpty else {
            throw ControlRequestError(Messages.Request.required(key))
        }
        return try plain(key, text)
    }

    /// A note or reason as the record keeps it: one line of at most 500 characters, with no
    /// control characters (a tab aside) and no bidirectional overrides or isolates, which would
    /// let an operator's text rewrite the terminal, the report or the order of the words around it.
    func plain(_ key: String, _ text: String) throws(ControlRequestError) -> String {
        // Counted in scalars: a character with thousands of combining marks is thousands long.
        guard text.unicodeScalars.count <= 500 else { throw ControlRequestError(Messages.Request.tooLong(key)) }
        let marks: Set<UInt32> = [0x200E, 0x200F, 0x061C, 0x2028, 0x2029]
        let directional: ClosedRange<UInt32> = 0x202A...0x202E
        let isolates: ClosedRange<UInt32> = 0x2066...0x2069
        guard
            !text.unicodeScalars.contains(where: {
                ($0.properties.generalCategory == .control && $0 != "\t") || directional.contains($0.value)
                    || isolates.contains($0.value) || marks.contains($0.value)
            })
        else { throw ControlRequestError(Messages.Request.controlCharacters(key)) }
        return text
    }

    mutating func strings(_ key: String) throws(ControlRequestError) -> [String] {
        guard let raw = value(key) else { return [] }
        guard let list = raw as? [String] else { throw ControlRequestError(Messages.Request.notStrings(key)) }
        return list
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(ControlRequestError) -> Int? {
        guard let raw = value(key) else { return nil }
        // JSON true arrives as an NSNumber whose type code is "c"; it is not a number here.
        guard let number = raw as? NSNumber, String(cString: number.objCType) != "c",
            let integer = Int(exactly: number.doubleValue), range.contains(integer)
        else {
            throw ControlRequestError(Messages.Request.wholeNumber(key, range.lowerBound, range.upperBound))
        }
        return integer
    }

    mutating func date(_ key: String) throws(ControlRequestError) -> Date? {
        guard let text = try string(key) else { return nil }
        guard let date = ControlTime.parse(text) else {
            throw ControlRequestError(Messages.Request.notInstant(key, text))
        }
        return date
    }

    mutating func pattern(_ key: String) throws(ControlRequestError) -> TestPattern? {
        guard let name = try string(key) else { return nil }
        guard let pattern = TestPattern(rawValue: name) else {
            throw ControlRequestError(Messages.Request.unknownPattern(key, name, Self.patternNames))
        }
        return pattern
    }
}

/// Instants on the control socket: ISO 8601 with the hall's offset, to the second.
public enum ControlTime {
    public static func parse(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}

extension String {
    /// Without the blanks and line breaks around it.
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
