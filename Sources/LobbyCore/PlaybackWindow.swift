/// One opening window of the hall, in local wall-clock minutes: half-open `[start, end)`, so
/// 08:20–12:00 is lit at 08:20:00.000 and dark again at 12:00:00.000.
public struct PlaybackWindow: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes after local midnight, 0 ..< 1440.
    public let start: Int
    /// Minutes after local midnight, exclusive, 1 ... 1440 (24:00 ends at midnight).
    public let end: Int

    /// `nil` unless `0 <= start < end <= 1440`.
    public init?(start: Int, end: Int) {
        guard 0 <= start, start < end, end <= 24 * 60 else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses `"HH:MM-HH:MM"`, for example `"08:20-12:00"` or `"8:20-12:00"`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1])
        else { return nil }
        self.init(start: start, end: end)
    }

    /// Whether a local time of day, in seconds after midnight, falls inside the window.
    public func contains(secondOfDay: Double) -> Bool {
        Double(start * 60) <= secondOfDay && secondOfDay < Double(end * 60)
    }

    public func overlaps(_ other: PlaybackWindow) -> Bool {
        start < other.end && other.start < end
    }

    public var description: String { "\(Self.format(start))-\(Self.format(end))" }

    public static func < (lhs: PlaybackWindow, rhs: PlaybackWindow) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    /// The hall's standard opening hours.
    public static let defaultWorkday: [PlaybackWindow] = [
        PlaybackWindow(parsing: "08:20-12:00")!, PlaybackWindow(parsing: "14:20-17:30")!,
    ]

    /// `"HH:MM"`, 00:00 ... 24:00; the hour may have one digit, as people write it (`8:20`).
    private static func minutes(_ text: Substring) -> Int? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2, (1...2).contains(fields[0].count), fields[1].count == 2,
            fields.allSatisfy({ $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }),
            let hours = Int(fields[0]), let minutes = Int(fields[1]),
            (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 24 * 60
        else { return nil }
        return hours * 60 + minutes
    }

    private static func format(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return "\(hours < 10 ? "0" : "")\(hours):\(rest < 10 ? "0" : "")\(rest)"
    }
}
