import LobbyCore
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
