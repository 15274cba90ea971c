/// The State Council's holiday arrangements for 2024–2026, transcribed here a second time,
/// independently of `calendar/*.toml`, as the tests' expectation: a block of days off and the
/// weekend days worked in exchange (调休上班).
public struct HolidayBlock: Sendable, CustomStringConvertible {
    public var name: String
    public var first: String
    public var last: String
    public var makeup: [String] = []

    public var description: String { "\(first.prefix(4)) \(name)" }
}

public enum OfficialArrangements {
    public static let blocks: [HolidayBlock] = [
        // 国务院办公厅关于2024年部分节假日安排的通知
        HolidayBlock(name: "元旦", first: "2024-01-01", last: "2024-01-01"),
        HolidayBlock(name: "春节", first: "2024-02-10", last: "2024-02-17", makeup: ["2024-02-04", "2024-02-18"]),
        HolidayBlock(name: "清明节", first: "2024-04-04", last: "2024-04-06", makeup: ["2024-04-07"]),
        HolidayBlock(name: "劳动节", first: "2024-05-01", last: "2024-05-05", makeup: ["2024-04-28", "2024-05-11"]),
        HolidayBlock(name: "端午节", first: "2024-06-10", last: "2024-06-10"),
        HolidayBlock(name: "中秋节", first: "2024-09-15", last: "2024-09-17", makeup: ["2024-09-14"]),
        HolidayBlock(name: "国庆节", first: "2024-10-01", last: "2024-10-07", makeup: ["2024-09-29", "2024-10-12"]),
        // 国务院办公厅关于2025年部分节假日安排的通知
        HolidayBlock(name: "元旦", first: "2025-01-01", last: "2025-01-01"),
        HolidayBlock(name: "春节", first: "2025-01-28", last: "2025-02-04", makeup: ["2025-01-26", "2025-02-08"]),
        HolidayBlock(name: "清明节", first: "2025-04-04", last: "2025-04-06"),
        HolidayBlock(name: "劳动节", first: "2025-05-01", last: "2025-05-05", makeup: ["2025-04-27"]),
        HolidayBlock(name: "端午节", first: "2025-05-31", last: "2025-06-02"),
        HolidayBlock(
            name: "国庆节、中秋节", first: "2025-10-01", last: "2025-10-08", makeup: ["2025-09-28", "2025-10-11"]),
        // 国务院办公厅关于2026年部分节假日安排的通知
        HolidayBlock(name: "元旦", first: "2026-01-01", last: "2026-01-03", makeup: ["2026-01-04"]),
        HolidayBlock(name: "春节", first: "2026-02-15", last: "2026-02-23", makeup: ["2026-02-14", "2026-02-28"]),
        HolidayBlock(name: "清明节", first: "2026-04-04", last: "2026-04-06"),
        HolidayBlock(name: "劳动节", first: "2026-05-01", last: "2026-05-05", makeup: ["2026-05-09"]),
        HolidayBlock(name: "端午节", first: "2026-06-19", last: "2026-06-21"),
        HolidayBlock(name: "中秋节", first: "2026-09-25", last: "2026-09-27"),
        HolidayBlock(name: "国庆节", first: "2026-10-01", last: "2026-10-07", makeup: ["2026-09-20", "2026-10-10"]),
    ]

    /// Statutory holidays per year (a weekend holiday is compensated, so each removes one
    /// workday): 11 until 2024, 13 from 2025 (New Year's Eve and 2 May added).
    public static let statutoryHolidays = [2024: 11, 2025: 13, 2026: 13]
}
