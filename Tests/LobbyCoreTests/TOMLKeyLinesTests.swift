import Testing

@testable import LobbyCore

@Suite("TOML key lines")
struct TOMLKeyLinesTests {
    let lines = TOMLKeyLines(
        text: """
            title = "x"
            note = \"\"\"
            fake = 1
            \"\"\"
            [approval]
            "drafted by" = "科室"
            reviewer.name = "A"
            [[items]]
            text = "first"
            [[items]]
            text = "second"
            [items.style]
            color = "red"
            windows = [
              "08:20-12:00",
            ]
            """)

    @Test(
        "each key path resolves to the line that defines it",
        arguments: [
            ("title", 1), ("note", 2), ("approval", 5), ("approval.drafted by", 6), ("approval.reviewer.name", 7),
            ("items[0]", 8), ("items[0].text", 9), ("items[1].text", 11), ("items[1].style.color", 13),
            ("items[1].style.windows[0]", 14),
        ])
    func resolves(path: String, line: Int) {
        #expect(lines.line(for: path) == line)
    }

    @Test("keys inside multi-line strings and unknown paths have no line")
    func unknownPaths() {
        #expect(lines.line(for: "fake") == nil)
        #expect(lines.line(for: "nothing.here") == nil)
    }
}
