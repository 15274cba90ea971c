import Foundation

/// A playlist file as published: its exact bytes and, when `PATH.sig` exists, its detached
/// signature. Read once, validated from memory.
public struct PlaylistFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// `nil` when there is no `PATH.sig` beside the file.
    public let signature: [UInt8]?

    /// An approval sheet is a few KiB at most (`ApprovalSheet.byteLimit`); anything larger is not one.
    public static let signatureLimit = ApprovalSheet.byteLimit

    /// Reads `path` (at most `limit` bytes) and `path.sig`. In the spool (`links: .refuse`) a
    /// symbolic link, a FIFO or a directory is refused before anything is read.
    public static func read(_ path: String, limit: Int, links: BoundedFile.Links = .follow)
        throws(ReadError) -> PlaylistFile
    {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path, limit: limit, links: links)
        } catch {
            throw ReadError(file: path, failure: error)
        }
        let signature: [UInt8]?
        do {
            signature = try BoundedFile.read("\(path).sig", limit: signatureLimit, links: links)
        } catch .missing {
            signature = nil
        } catch {
            throw ReadError(file: "\(path).sig", failure: error)
        }
        return PlaylistFile(path: path, bytes: bytes, signature: signature)
    }

    /// A playlist or its signature that could not be read, and why.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var failure: BoundedFile.Failure

        public var description: String { Messages.Reading.cannotRead(file, "\(failure)").description }

        /// The rejection a person reads, naming the playlist as `name` (its sheet as `name.sig`).
        public func problem(naming name: String) -> PlaylistProblem {
            let stage: PlaylistProblem.Stage = if case .tooLarge = failure { .size } else { .syntax }
            return PlaylistProblem(
                stage: stage, location: SourceLocation(file: file.hasSuffix(".sig") ? "\(name).sig" : name),
                message: Messages.Reading.cannotReadIt("\(failure)").description)
        }
    }
}

extension PlaylistValidator {
    /// Validates `file` at `now`; messages name it `name` (for example `incoming/news.toml`),
    /// or its path. `signedOnly` (the daemon) reads nothing of a file whose signature fails.
    public func validate(_ file: PlaylistFile, as name: String? = nil, now: Date, signedOnly: Bool = false)
        -> PlaylistVerdict
    {
        validate(
            file: name ?? file.path, bytes: file.bytes, signature: file.signature, now: now, signedOnly: signedOnly)
    }
}
