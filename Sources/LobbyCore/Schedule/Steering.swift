import Foundation

/// What operators asked for over the control socket: overrides, an open maintenance period, a
/// running test pattern, emergency notices cleared before they expired. Pure data;
/// `ScreenPolicy` weighs it against the schedule.
public struct Steering: Sendable, Equatable, Codable {
    public struct Maintenance: Sendable, Equatable, Codable {
        public var since: Date
        public var actor: String
        public var note: String
        public var pattern: TestPattern?

        public init(since: Date, actor: String, note: String, pattern: TestPattern?) {
            (self.since, self.actor, self.note, self.pattern) = (since, actor, note, pattern)
        }
    }

    public struct PatternRun: Sendable, Equatable, Codable {
        public var pattern: TestPattern
        public var until: Date
        public var actor: String

        public init(pattern: TestPattern, until: Date, actor: String) {
            (self.pattern, self.until, self.actor) = (pattern, until, actor)
        }
    }

    public var overrides: [ScheduleOverride] = []
    public var maintenance: Maintenance?
    public var testPattern: PatternRun?
    /// Emergency items taken off the screen by an operator (`lobbyctl emergency clear`), by
    /// `PlaylistStore.Slot.key`, with when they would have expired: kept until then.
    public var clearedEmergencies: [String: Date] = [:]

    public init() {}

    private enum CodingKeys: String, CodingKey { case overrides, maintenance, testPattern, clearedEmergencies }

    /// Reads files written before emergencies could be cleared, too.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        overrides = try container.decode([ScheduleOverride].self, forKey: .overrides)
        maintenance = try container.decodeIfPresent(Maintenance.self, forKey: .maintenance)
        testPattern = try container.decodeIfPresent(PatternRun.self, forKey: .testPattern)
        clearedEmergencies = try container.decodeIfPresent([String: Date].self, forKey: .clearedEmergencies) ?? [:]
    }

    /// The cleared items' keys, for `PlaylistStore.rotation`.
    public var cleared: Set<String> { Set(clearedEmergencies.keys) }

    /// Drops what has run out by `now`, so the file never grows.
    public mutating func expire(at now: Date) {
        overrides.removeAll { $0.until <= now }
        if let run = testPattern, run.until <= now { testPattern = nil }
        clearedEmergencies = clearedEmergencies.filter { $0.value > now }
    }
}
