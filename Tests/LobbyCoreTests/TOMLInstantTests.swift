import Foundation
import Testing

@testable import LobbyCore

@Suite("TOML instants")
struct TOMLInstantTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    @Test(
        "dates, local date-times and offset date-times all become the right instant",
        arguments: [
            ("2026-11-20", "2026-11-20T00:00:00+08:00"),
            ("2026-11-20T08:20:30", "2026-11-20T08:20:30+08:00"),
            ("2030-12-31T23:59:59", "2030-12-31T23:59:59+08:00"),
            ("2026-11-20T00:20:00Z", "2026-11-20T08:20:00+08:00"),
            ("2026-11-20T08:20:00+08:00", "2026-11-20T08:20:00+08:00"),
        ])
    func instant(toml: String, expected: String) throws {
        let reader = try TOMLSource.parse(text: "at = \(toml)\n", file: "t.toml")
        let instant = try #require(reader.instant("at", in: Self.zone))
        #expect(Self.zone.iso8601(instant) == expected)
    }
}
