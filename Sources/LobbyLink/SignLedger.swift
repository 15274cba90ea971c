import Foundation
import LobbyCore
import LobbyProtocol

/// What lobbyd last confirmed the sign holds, and the manifest token it stored on the sign with
/// it. Kept in the state directory, so that a restart (or a reconnect) whose probe reads the
/// same token back adopts the sign's memory instead of erasing it and uploading everything.
///
/// The token is replaced with `SignLedger.pending` on the sign before any upload that changes
/// its memory, and written anew right after the upload, once this ledger is saved. The sign
/// handles packets in order, so it holds the new token only once it has handled the whole
/// upload; a crash or a pulled cable at any point leaves a sign whose token matches no ledger,
/// or matches the ledger of what it really holds.
public struct SignLedger: Sendable, Equatable, Codable {
    public var token: String
    /// The controller's memory layout when it was recorded (`Controller.memoryLayout`): a
    /// ledger for another layout is not adopted.
    public var layout: String
    public var isConfigured: Bool
    /// Picture label (one character) → content hash (hex) of the frame stored there.
    public var pictures: [String: String]
    /// TEXT label → the picture label it calls.
    public var texts: [String: String]

    /// On the sign while an upload that changes its memory is in flight: matches no ledger.
    public static let pending = "-"

    public init(token: String, memory: SignMemory, layout: String) {
        self.token = token
        self.layout = layout
        isConfigured = memory.isConfigured
        pictures = Dictionary(
            uniqueKeysWithValues: memory.pictures.map { (Self.label($0.key), String($0.value, radix: 16)) })
        texts = Dictionary(uniqueKeysWithValues: memory.texts.map { (Self.label($0.key), Self.label($0.value)) })
    }

    /// The sign memory this ledger records, or `nil` if a label or hash does not parse.
    public var memory: SignMemory? {
        var memory = SignMemory()
        memory.isConfigured = isConfigured
        for (label, hash) in pictures {
            guard let label = Self.byte(label), let hash = UInt64(hash, radix: 16) else { return nil }
            memory.pictures[label] = hash
        }
        for (label, picture) in texts {
            guard let label = Self.byte(label), let picture = Self.byte(picture) else { return nil }
            memory.texts[label] = picture
        }
        return memory
    }

    /// A fresh token: 16 hex digits, never `pending`.
    public static func newToken() -> String {
        let value = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        return String(repeating: "0", count: 16 - value.count) + value
    }

    /// The ledger at `path`, `nil` when there is none; a file that cannot be read or parsed is
    /// an error naming it (the caller logs it and re-syncs).
    public static func load(_ path: String) throws -> SignLedger? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes = try AtomicFile.read(path, limit: 64 << 10)
        return try JSONDecoder().decode(SignLedger.self, from: Data(bytes))
    }

    public func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(Array(try encoder.encode(self)), to: path, mode: 0o600)
    }

    /// Removes the ledger at `path`, if there is one: no restart may adopt the sign then.
    public static func remove(_ path: String) throws {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch let error as CocoaError where error.code == .fileNoSuchFile {}
    }

    private static func label(_ byte: UInt8) -> String { String(UnicodeScalar(byte)) }
    private static func byte(_ label: String) -> UInt8? {
        label.unicodeScalars.count == 1 ? label.unicodeScalars.first.flatMap { UInt8(exactly: $0.value) } : nil
    }
}
