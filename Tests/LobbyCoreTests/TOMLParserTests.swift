import Foundation
import LobbyTestSupport
import Testing

@testable import LobbyCore

/// lobbyd's own TOML parser on hostile input: every failure is a located syntax error, never a
/// crash, and the time is linear. (TOMLKit's bundled toml++ crashed or aborted on each input
/// below; `TOMLDifferentialTests` checks the parser's answers against tomllib.)
@Suite("TOML parser")
struct TOMLParserTests {
    /// Inputs that made toml++ abort, found by the fuzzer and the property tests of earlier
    /// releases; each is now an error at the place given.
    static let formerCrashers: [(text: String, line: Int, column: Int)] = [
        ("[=", 1, 2), ("[+", 1, 2), ("[\t=", 1, 3), ("x = 1\n[ +", 2, 3), ("[[ =", 1, 4), ("[中文]\n", 1, 2),
        ("\u{FEFF}[[[", 1, 3), ("a = 1979-05-27T:00", 1, 15), ("a = [1979-05-27T:1]", 1, 16),
        ("x = 1\nb = {c = 1979-05-27t:}", 2, 20), ("a = 0979-05-27Tx:", 1, 15), ("a=1979-05-2= 1 x", 1, 7),
        ("a = 12-", 1, 7), ("a = [1, +]", 1, 9), ("a = 1__0", 1, 6), ("S=1979-05-27 2 ", 1, 14), ("a = [}", 1, 6),
        ("a = {b=[}]}", 1, 9), ("a =[[[[[[[}#[[[市", 1, 11), ("a = {b = ]", 1, 10),
    ]

    @Test("every input that crashed the old parser is a located syntax error", arguments: formerCrashers)
    func formerCrasher(text: String, line: Int, column: Int) {
        #expect {
            try TOMLSource.parse(text: text, file: "f.toml")
        } throws: { error in
            "\(error)".hasPrefix("f.toml:\(line):\(column): 文件格式有误（TOML）：")
        }
    }

    /// Hardening finding 1: `a.a.a…` with 150,000 parts crashed lobbyd (recursion in toml++)
    /// and every restart after it; finding 18: 30,000 parts took 59 s.
    @Test("a key of 150,000 dotted parts is refused at once, without recursion")
    func longDottedKey() throws {
        let text = "a" + String(repeating: ".a", count: 150_000) + " = 1\n"
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(throws: TOMLParser.Failure.self) { try TOMLParser.parse(text) }
        }
        #expect(elapsed < .seconds(1))
        #expect(throws: TOMLParser.Failure.self) {
            try TOMLParser.parse("[" + String(repeating: "a.", count: 150_000) + "a]\n")
        }
    }

    @Test("deep nesting of arrays and inline tables is refused with a message, not a stack overflow")
    func deepNesting() {
        for text in [
            "a = " + String(repeating: "[", count: 200_000), "a = " + String(repeating: "{b = ", count: 200_000),
            "a = " + String(repeating: "[", count: 33) + String(repeating: "]", count: 33),
        ] {
            #expect {
                try TOMLParser.parse(text)
            } throws: { ($0 as? TOMLParser.Failure)?.message.contains("最多嵌套 32 层") == true }
        }
        #expect(throws: Never.self) {
            try TOMLParser.parse("a = " + String(repeating: "[", count: 32) + String(repeating: "]", count: 32))
        }
    }

    @Test("time grows linearly: a 1 MiB playlist-sized document parses in well under a second")
    func linearTime() throws {
        let item = "[[items]]\ntext = \"粤省事、粤商通，办事不用跑\"\nmode = \"page\"\nx.y.z = [1, 2.5, 2026-11-29]\n"
        let text = String(repeating: item, count: 1_048_576 / item.utf8.count)
        let clock = ContinuousClock()
        var items = 0
        let elapsed = try clock.measure { items = try TOMLParser.parse(text)["items"]?.array?.count ?? 0 }
        #expect(items == 1_048_576 / item.utf8.count)
        #expect(elapsed < .seconds(2))
    }

    @Test("random bytes and random edits of a playlist never crash the parser")
    func randomInput() {
        var random = SplitMix64(seed: 23)
        let sample =
            (try? String(contentsOfFile: RepositoryFiles.path("playlists/hall-news.toml"), encoding: .utf8)) ?? ""
        let alphabet = Array("[]{}=\"'.,#\n\\ 0123456789xobe+-_:TZtfa中\t")
        for round in 0..<20_000 {
            var characters = round % 2 == 0 ? Array(sample) : []
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                let character = alphabet.randomElement(using: &random)!
                characters.insert(character, at: Int.random(in: 0...characters.count, using: &random))
            }
            _ = try? TOMLParser.parse(String(characters))
        }
    }

    @Test("values: every TOML type, with the playlist's own shapes")
    func values() throws {
        let table = try TOMLParser.parse(
            """
            \u{FEFF}s = "a\\tb\\u4E2D"  # comment
            l = 'C:\\path'
            m = \"\"\"
            one \\
               two\"\"\"
            i = [0x1F, 0o17, 0b11, -1_000, +7]
            f = [1.5, -2e-3, inf]
            d = 2026-11-29
            t = 2026-11-29T08:20:00+08:00
            [[items]]
            text = "中"
            [[items]]
            text = "文"
            """)
        #expect(table["s"]?.string == "a\tb中")
        #expect(table["l"]?.string == "C:\\path")
        #expect(table["m"]?.string == "one two")
        #expect(table["i"]?.array?.compactMap(\.integer) == [31, 15, 3, -1_000, 7])
        #expect(table["d"]?.date == TOMLDate(year: 2026, month: 11, day: 29))
        guard case .offsetDateTime(_, let time, let offset)? = table["t"] else {
            Issue.record("t is not an offset date-time")
            return
        }
        #expect(time.hour == 8 && time.minute == 20 && offset == 480)
        #expect(table["items"]?.array?.compactMap { $0.table?["text"]?.string } == ["中", "文"])
    }

    @Test(
        "redefinitions are errors that name the key and its line",
        arguments: [
            ("a = 1\na = 2", 2, "a is already defined"), ("[t]\n[t]", 2, "[t] is already defined"),
            ("a = {b = 1}\n[a.c]", 2, "a is not a table"), ("[t]\nx.y = 1\n[t.x]", 3, "[t.x] is already defined"),
            ("a = [1]\n[[a]]", 2, "not an array of tables"), ("a = 99999999999999999999", 1, "64 bits"),
            ("a = 2026-02-30", 1, "not a real calendar date"),
        ])
    func redefinitions(text: String, line: Int, words: String) {
        #expect {
            try Language.$scoped.withValue(.english) { try TOMLParser.parse(text) }
        } throws: { error in
            guard let failure = error as? TOMLParser.Failure else { return false }
            return failure.line == line && failure.message.contains(words)
        }
    }
}
