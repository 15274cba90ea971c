import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// The statutory calendar compiled into the programs (issue 24): the default without any file
/// installed, the same as `calendar/`, and replaced year by year by the files a hall installs.
@Suite("The shipped calendar")
struct ShippedCalendarTests {
    @Test("it is calendar/cn-*.toml exactly (`make shipped-calendar` after a change there)")
    func sameAsTheFiles() throws {
        let directory = RepositoryFiles.path("calendar")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix("cn-") && $0.hasSuffix(".toml") }.sorted()
        #expect(WorkdayCalendar.shippedFiles.map(\.name) == names)
        for (name, text) in WorkdayCalendar.shippedFiles {
            let file = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            #expect(text + "\n" == file, "\(name): run make shipped-calendar")
        }
        // The same days, kinds, names and years (where each came from differs: name or path).
        #expect(WorkdayCalendar.shipped.version == (try WorkdayCalendar.load(directories: [directory])).version)
    }

    @Test("with no directory at all, the calendar is the shipped one: 2026-10-01 is 国庆节")
    func defaultWithoutFiles() throws {
        let calendar = try WorkdayCalendar.load(directories: ["/nonexistent/calendar"])
        #expect(calendar == WorkdayCalendar.shipped)
        #expect(calendar.coveredYears.isSuperset(of: [2024, 2025, 2026]))
        #expect(calendar.day(LocalDate(year: 2026, month: 10, day: 1)!).reason == .holiday("国庆节"))
        #expect(calendar.day(LocalDate(year: 2026, month: 10, day: 10)!).reason == .makeup("国庆节"))
    }

    @Test("a hall's file for a year replaces that year whole; other years stay shipped")
    func yearReplaced() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "cn-2026.toml",
            """
            year = 2026
            [[holidays]]
            name = "国庆节"
            first = 2026-10-02
            last = 2026-10-03
            """)
        let calendar = try WorkdayCalendar.load(directories: [directory.path])
        #expect(calendar.day(LocalDate(year: 2026, month: 10, day: 1)!).isWorkday, "the shipped 2026 is set aside")
        #expect(calendar.day(LocalDate(year: 2026, month: 10, day: 2)!).reason == .holiday("国庆节"))
        #expect(!calendar.day(LocalDate(year: 2025, month: 10, day: 1)!).isWorkday, "2025 stays")
        #expect(calendar.coveredYears.isSuperset(of: [2024, 2025, 2026]))
    }
}
