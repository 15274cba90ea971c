/// Decides when a file in `incoming/` is ready to ingest. A playlist and its `.sig` may arrive in
/// either order. Each waits up to `grace` for its partner: a playlist alone is then ingested and
/// rejected for its missing signature, and a signature alone is rejected as an orphan. Temporary
/// names (`.x`, `x.tmp`, `x~`, `x.part`, `x.swp`) are ignored, because their final rename arrives
/// as its own event. Anything else is moved to `rejected/` with a reason, never left unexplained.
///
/// A plain state machine: each event returns the actions the caller performs.
public struct SpoolPairing: Sendable {
    public enum Kind: Sendable, Equatable { case playlist, signature, temporary, stray }

    public enum Action: Sendable, Equatable {
        /// Validate `stem.toml` (with `stem.toml.sig` if it is there).
        case ingest(stem: String)
        case rejectOrphanSignature(stem: String)
        case rejectStray(name: String)
    }

    private struct Pending: Sendable {
        var playlist: ContinuousClock.Instant?
        var signature: ContinuousClock.Instant?
    }

    public let grace: Duration
    private var pending: [String: Pending] = [:]

    /// How long a playlist waits for its signature (and the reverse) unless told otherwise.
    public static let defaultGrace: Duration = .seconds(30)

    public init(grace: Duration = defaultGrace) {
        self.grace = grace
    }

    public static func classify(_ name: String) -> (kind: Kind, stem: String) {
        if name.hasPrefix(".") || [".tmp", "~", ".part", ".swp"].contains(where: name.hasSuffix) {
            return (.temporary, name)
        }
        if name.hasSuffix(".toml.sig") { return (.signature, String(name.dropLast(".toml.sig".count))) }
        if name.hasSuffix(".toml") { return (.playlist, String(name.dropLast(".toml".count))) }
        return (.stray, name)
    }

    /// A file named `name` was completely written or moved into `incoming/` at `now`.
    public mutating func arrived(_ name: String, at now: ContinuousClock.Instant) -> [Action] {
        let (kind, stem) = Self.classify(name)
        switch kind {
        case .temporary:
            return []
        case .stray:
            return [.rejectStray(name: name)]
        case .playlist:
            pending[stem, default: Pending()].playlist = now
        case .signature:
            pending[stem, default: Pending()].signature = now
        }
        guard let entry = pending[stem], entry.playlist != nil, entry.signature != nil else { return [] }
        pending[stem] = nil
        return [.ingest(stem: stem)]
    }

    /// Time has passed: files whose partner did not come within `grace` are dealt with alone.
    public mutating func tick(at now: ContinuousClock.Instant) -> [Action] {
        var actions: [Action] = []
        for (stem, entry) in pending.sorted(by: { $0.key < $1.key }) {
            if let seen = entry.playlist, now - seen >= grace {
                actions.append(.ingest(stem: stem))
                pending[stem] = nil
            } else if entry.playlist == nil, let seen = entry.signature, now - seen >= grace {
                actions.append(.rejectOrphanSignature(stem: stem))
                pending[stem] = nil
            }
        }
        return actions
    }

    /// Whether `stem` waits for its partner.
    public func isPending(_ stem: String) -> Bool { pending[stem] != nil }

    /// When `tick` next has something to do, so the watcher can sleep until then.
    public var nextDeadline: ContinuousClock.Instant? {
        pending.values.compactMap { $0.playlist ?? $0.signature }.min().map { $0 + grace }
    }
}
