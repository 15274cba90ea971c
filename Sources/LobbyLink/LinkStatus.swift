import Foundation

/// The link as the operator sees it: "link down since 09:14:03, 12 retries".
public struct LinkStatus: Sendable, Equatable {
    public var state: SerialLink.State = .closed
    public var since = Date()
    public var retries = 0
    public var lastError: String?
    /// Upload progress: bytes sent of the current upload, and its size.
    public var bytesSent = 0
    public var bytesTotal = 0
    public var lastUpload: Date?
    /// What the sign said went wrong with the last upload, until one is confirmed clean.
    public var signProblems: String?
}
