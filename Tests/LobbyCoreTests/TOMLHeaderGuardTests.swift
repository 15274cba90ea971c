import Testing

@testable import LobbyCore

/// toml++ 3.4.0 aborts (debug) or has undefined behaviour (release) on these headers; each was
/// found by the random-bytes property test and must be a syntax error instead.
@Suite("TOML header guard")
struct TOMLHeaderGuardTests {
    @Test(
        "a header that cannot start a key is a located syntax error, never a crash",
        arguments: [
            ("[=", 1, 2), ("[+", 1, 2), ("[\t=", 1, 3), ("x = 1\n[ +", 2, 3), ("[[ =", 1, 4), ("[中文]\n", 1, 2),
            ("\u{FEFF}[[[", 1, 4),
        ])
    func crashers(text: String, line: Int, column: Int) {
        #expect(throws: LobbyCoreError.self) { try TOMLSource.parse(text: text, file: "f.toml") }
        let bad = TOMLHeaderGuard.firstBadHeader(in: text)
        #expect(bad?.line == line && bad?.column == column)
    }

    @Test(
        "brackets inside values, strings and comments are not headers",
        arguments: [
            "x = [\n  [+1],\n  [.5],\n]\n", "x = \"\"\"\n[=\n\"\"\"\n", "x = '''\n[+\n'''\n", "# [=\n", "x = \"[=\"\n",
            "[\"a]\".b]\nc = 1\n", "[a]\n[[b]]\n[ c . d ]\n", "x = [{a = 1}]\n",
        ])
    func notHeaders(text: String) {
        #expect(TOMLHeaderGuard.firstBadHeader(in: text) == nil)
    }

    /// Each input made toml++ abort (found by the property test or `make fuzz`), with the place
    /// and the words of the syntax error it must give instead.
    static let valueCrashers: [(text: String, line: Int, column: Int, words: String)] = [
        ("a = 1979-05-27T:00", 1, 5, "must be a number, a date"), ("a = [1979-05-27T:1]", 1, 6, "must be a number"),
        ("x = 1\nb = {c = 1979-05-27t:}", 2, 10, "must be a number"), ("a = 0979-05-27Tx:", 1, 5, "must be a number"),
        ("a=1979-05-2= 1 x", 1, 3, "must be a number"), ("a = 12-", 1, 5, "must be a number"),
        ("a = [1, +]", 1, 9, "must be a number"), ("a = 1__0", 1, 5, "must be a number"),
        ("S=1979-05-27 2 ", 1, 3, "must be a number"), ("a = [}", 1, 6, "does not close"),
        ("a = {b=[}]}", 1, 9, "does not close"), ("a =[[[[[[[}#[[[市", 1, 11, "does not close"),
        ("a = {b = ]", 1, 10, "does not close"),
    ]

    @Test(
        "a malformed value or a mismatched bracket is a located syntax error, never a crash", arguments: valueCrashers)
    func valueCrasher(text: String, line: Int, column: Int, words: String) {
        #expect {
            try TOMLSource.parse(text: text, file: "f.toml")
        } throws: { "\($0)".contains("f.toml:\(line):\(column)") && "\($0)".contains(words) }
    }

    @Test(
        "valid numbers, dates and times, and digits in strings, comments and keys, are untouched",
        arguments: [
            "a = 1979-05-27T07:32:00Z\n", "a = 1979-05-27t07:32:00\n", "a = 1979-05-27 07:32:00.5+08:00\n",
            "a = 1979-05-27\n", "a = \"1979-05-27T:\"\n", "# 1979-05-27T:\n", "a = [1979-05-27T00:00:00, 07:32:00]\n",
            "2026-11-25Tx = 1\n", "a = [1, -2, +3, 1_000, 0xff, 0o17, 0b1, 1.5, -1e-3, 6.02E+23, inf, -nan]\n",
            "a = {b = 1, c = [2,3]} # 4-\n", "[t]\nx = 16\ny = 1_0\n",
        ])
    func validValues(text: String) {
        #expect(TOMLHeaderGuard.firstProblem(in: text) == nil)
    }
}
