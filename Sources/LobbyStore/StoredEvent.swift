import Foundation
import GRDB
import LobbyCore

/// One row of the event log. `hash` is SHA-256 over the previous row's hash and this row's
/// content, so any edit, insertion or deletion breaks the chain from that row on.
public struct StoredEvent: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "events"

    public var id: Int64?
    /// UTC, ISO 8601 with milliseconds: `2026-11-25T00:20:00.000Z` (sorts as text).
    public var ts: String
    public var kind: String
    /// A JSON object with sorted keys.
    public var detail: String
    /// `schedule`, `daemon`, or the operator as `uid:name`.
    public var actor: String
    public var previousHash: String
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case id, ts, kind, detail, actor
        case previousHash = "previous_hash"
        case hash
    }

    /// The hash this row must carry, given the previous row's.
    static func chainHash(previous: String, ts: String, kind: String, detail: String, actor: String) -> String {
        Digest.sha256Hex(joining: [previous, ts, kind, detail, actor], separator: separator)
    }

    /// Between the hashed fields: the ASCII unit separator.
    static let separator: UInt8 = 0x1F

    public var date: Date? { EventTime.parse(ts) }
}

extension StoredEvent {
    /// The detail as strings; empty when it is not a JSON object of strings.
    public var details: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(detail.utf8))) ?? [:]
    }

    /// A detail's values as strings, numbers written out; empty when it is not a JSON object.
    static func strings(_ bytes: UnsafeRawBufferPointer) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return [:] }
        return object.compactMapValues { value in
            switch value {
            case let text as String: text
            case let number as NSNumber: number.stringValue
            default: nil
            }
        }
    }
}
