import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

@Suite("Dates as Chinese forms write them")
struct ChineseDateTests {
    @Test("2026年11月30日 and 2026年1月5日 are the days they name")
    func read() {
        #expect(LocalDate(chinese: "2026年11月30日") == LocalDate(year: 2026, month: 11, day: 30))
        #expect(LocalDate(chinese: "2026年1月5日") == LocalDate(year: 2026, month: 1, day: 5))
        #expect(LocalDate(chinese: "2026年01月05日") == LocalDate(year: 2026, month: 1, day: 5))
    }

    @Test(
        "anything else is not a date: no day the calendar lacks, no other digits or order",
        arguments: [
            "2026年2月30日", "2026年13月1日", "26年11月30日", "2026年11月30", "2026年11月", "２０２６年11月30日", "2026年111月1日",
            "2026-11-30", "年月日", "", "2026年11月30日日", "十一月", "2026年+1月3日",
        ])
    func refused(text: String) {
        #expect(LocalDate(chinese: text) == nil)
    }
}

@Suite("Times on the command line as people write them")
struct ChineseInstantTests {
    @Test("2026年11月30日 and 8:20 name the same instants as 2026-11-30 and 08:20, in the hall's zone")
    func instants() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        #expect(zone.parseInstant("2026年11月30日") == zone.parseInstant("2026-11-30"))
        #expect(zone.parseInstant("2026年11月30日T8:20") == zone.parseInstant("2026-11-30T08:20"))
        #expect(zone.parseInstant("2026-11-30T8:20:05") == zone.parseInstant("2026-11-30T08:20:05"))
        #expect(zone.parseInstant("2026-11-30T8:2") == nil)
        #expect(zone.parseInstant("2026-11-30T123:20") == nil)
        #expect(zone.parseInstant("2026-11-30T٨:20") == nil, "digits are ASCII")
    }
}

@Suite("A playlist's validity in the forms' dates")
struct ChineseValidityTests {
    @Test("valid_from = \"2026年11月20日\" is midnight of that day in the hall, as 2026-11-20 is")
    func validity() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let dashed = try Playlist.parse(text: SamplePlaylist.text(), file: "p.toml", zone: zone)
        let chinese = try Playlist.parse(
            text: SamplePlaylist.text().replacingOccurrences(
                of: "valid_from = 2026-11-20", with: "valid_from = \"2026年11月20日\""),
            file: "p.toml", zone: zone)
        #expect(chinese.validFrom == dashed.validFrom)
    }
}
