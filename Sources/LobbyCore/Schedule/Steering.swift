import Foundation

/// What operators asked for over the control socket: overrides, an open maintenance period, a
/// running test pattern. Pure data; `ScreenPolicy` weighs it against the schedule.
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

    public init() {}

    /// Drops what has run out by `now`, so the file never grows.
    public mutating func expire(at now: Date) {
        overrides.removeAll { $0.until <= now }
        if let run = testPattern, run.until <= now { testPattern = nil }
    }
}
