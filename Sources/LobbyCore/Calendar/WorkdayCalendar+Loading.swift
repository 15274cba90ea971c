import Foundation

extension WorkdayCalendar {
    /// The statutory calendar this release ships (`calendar/cn-*.toml`, compiled in): every
    /// program knows it without any file installed.
    public static let shipped: WorkdayCalendar = {
        var calendar = WorkdayCalendar()
        // Checked by ShippedCalendarTests: every shipped file parses.
        for file in shippedFiles {
            if let year = try? parse(text: file.text, file: file.name) { calendar.overlay(year) }
        }
        return calendar
    }()

    /// The shipped calendar, then every `*.toml` in `directories`, in order, each directory's
    /// files sorted by name. A year some file covers is that file's (the shipped one of that
    /// year is set aside: a corrected arrangement replaces it whole); later files override
    /// earlier ones day by day. A directory that does not exist adds nothing
    /// (`/etc/lobbyd/calendar.d` is optional); one that exists but cannot be read is an error.
    /// Problems in all files are reported together.
    public static func load(directories: [String]) throws(LobbyCoreError) -> WorkdayCalendar {
        let fromFiles = try loadFiles(directories: directories)
        var calendar = shipped.dropping(years: fromFiles.coveredYears)
        calendar.overlay(fromFiles)
        return calendar
    }

    private static func loadFiles(directories: [String]) throws(LobbyCoreError) -> WorkdayCalendar {
        var calendar = WorkdayCalendar()
        var problems: [LobbyCoreError] = []
        for directory in directories {
            do {
                for file in try calendarFiles(in: directory) {
                    calendar.overlay(try load(path: file))
                }
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw problems.count == 1 ? problems[0] : .several(problems) }
        return calendar
    }

    /// Loads one calendar file.
    public static func load(path: String) throws(LobbyCoreError) -> WorkdayCalendar {
        try parse(text: try TextFile.read(path), file: path)
    }

    /// Parses one calendar file. See `calendar/README.md` for the format.
    public static func parse(text: String, file: String) throws(LobbyCoreError) -> WorkdayCalendar {
        let root = try TOMLSource.parse(text: text, file: file)
        var builder = CalendarFileBuilder(root: root)
        builder.read()
        root.finish()
        try root.diagnostics.throwIfAny()
        return builder.calendar
    }

    private static func calendarFiles(in directory: String) throws(LobbyCoreError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            throw .unreadable(file: directory, reason: Messages.System.notADirectory.description)
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw .unreadable(file: directory, reason: Messages.System.cannotList.description)
        }
        return names.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }.sorted().map { "\(directory)/\($0)" }
    }
}

/// Reads one calendar file into a `WorkdayCalendar`, reporting duplicate and contradictory days
/// with the line that first defined them.
private struct CalendarFileBuilder {
    let root: TOMLTableReader
    var calendar = WorkdayCalendar()
    private var entries: [LocalDate: WorkdayCalendar.Entry] = [:]
    private var year: Int?

    init(root: TOMLTableReader) {
        self.root = root
    }

    mutating func read() {
        if let declared = root.integer("year") {
            if (1990...2200).contains(declared) {
                year = declared
            } else {
                root.invalid("year", value: "\(declared)", expected: Messages.Expect.year)
            }
        }
        _ = root.string("source")
        for holiday in root.tables("holidays") ?? [] {
            readHoliday(holiday)
            holiday.finish()
        }
        for workdays in root.tables("workdays") ?? [] {
            if let name = name(in: workdays) {
                for date in dates(workdays, "days") { add(date, .makeup, name, workdays, "days") }
            }
            workdays.finish()
        }
        calendar = WorkdayCalendar(entries: entries, coveredYears: year.map { [$0] } ?? [])
    }

    private mutating func readHoliday(_ table: TOMLTableReader) {
        let name = name(in: table)
        let first = table.require("first") { date(table, $0) }
        let last = table.contains("last") ? date(table, "last") : first
        let makeup = dates(table, "makeup")
        guard let first, let last else { return }
        guard first <= last, last.dayNumber - first.dayNumber <= 31 else {
            return table.invalid(
                "last", value: "\(last)", expected: Messages.Expect.lastDay(after: first))
        }
        guard let name else { return }
        for dayNumber in first.dayNumber...last.dayNumber {
            add(LocalDate(dayNumber: dayNumber), .holiday, name, table, "first")
        }
        for date in makeup { add(date, .makeup, name, table, "makeup") }
    }

    private func name(in table: TOMLTableReader) -> String? {
        guard let name = table.require("name", table.string) else { return nil }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            table.invalid("name", value: "\"\(name)\"", expected: Messages.Expect.holidayName)
            return nil
        }
        return name
    }

    private func date(_ table: TOMLTableReader, _ key: String) -> LocalDate? {
        table.date(key).flatMap { check($0, in: table, key) }
    }

    private func dates(_ table: TOMLTableReader, _ key: String) -> [LocalDate] {
        (table.dates(key) ?? []).compactMap { check($0, in: table, key) }
    }

    /// A real date within a year of the file's declared year (a typo guard: 2206 for 2026).
    private func check(_ value: TOMLDate, in table: TOMLTableReader, _ key: String) -> LocalDate? {
        let text = "\(value.year)-\(value.month)-\(value.day)"
        guard let date = LocalDate(year: value.year, month: value.month, day: value.day) else {
            table.invalid(key, value: text, expected: Messages.Expect.realDate)
            return nil
        }
        if let year, abs(date.year - year) > 1 {
            table.invalid(key, value: "\(date)", expected: Messages.Expect.dateNear(year))
            return nil
        }
        return date
    }

    private mutating func add(
        _ date: LocalDate, _ kind: WorkdayCalendar.Entry.Kind, _ name: String, _ table: TOMLTableReader, _ key: String
    ) {
        let location = table.location(of: key)
        if let earlier = entries[date] {
            let what =
                earlier.kind == kind
                ? Messages.Expect.dateNotListed(line: earlier.source.line ?? 0, name: earlier.name)
                : Messages.Expect.notHolidayAndMakeup(line: earlier.source.line ?? 0)
            table.invalid(key, value: "\(date)", expected: what)
            return
        }
        entries[date] = WorkdayCalendar.Entry(kind: kind, name: name, source: location)
    }
}
