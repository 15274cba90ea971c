import Foundation

/// A playlist file as published: its exact bytes and, when `PATH.sig` exists, its detached
/// signature. Read once, validated from memory.
public struct PlaylistFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// `nil` when there is no `PATH.sig` beside the file.
    public let signature: [UInt8]?

    public static func read(_ path: String) throws(LobbyCoreError) -> PlaylistFile {
        PlaylistFile(
            path: path, bytes: try AtomicFile.read(path),
            signature: FileManager.default.contents(atPath: "\(path).sig").map(Array.init))
    }
}

extension PlaylistValidator {
    /// Validates `file` at `now`; messages name it `name` (for example `incoming/news.toml`),
    /// or its path.
    public func validate(_ file: PlaylistFile, as name: String? = nil, now: Date) -> PlaylistVerdict {
        validate(file: name ?? file.path, bytes: file.bytes, signature: file.signature, now: now)
    }
}
