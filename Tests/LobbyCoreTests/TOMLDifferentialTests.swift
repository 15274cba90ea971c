import Foundation
import LobbyTestSupport
import Testing

@testable import LobbyCore

/// `TOMLParser` against Python's `tomllib` (an independent, maintained TOML 1.0 reader) on
/// generated documents: the same values where both accept, and the same verdict on documents
/// broken by random edits. The generator stays inside the parser's documented limits (64-bit
/// integers, nesting, key length, no byte-order mark), where the two are meant to agree.
@Suite("TOML parser against tomllib")
struct TOMLDifferentialTests {
    @Test("generated documents and their mutants: same values, same accept or reject")
    func agreesWithTomllib() throws {
        var generator = TOMLDocumentGenerator(seed: 20_261_129)
        var documents: [String] = []
        for _ in 0..<1_500 {
            let document = generator.document()
            documents.append(document)
            for _ in 0..<2 { documents.append(generator.mutant(of: document)) }
        }
        let reference = try Tomllib.parse(documents)
        var accepted = 0
        var disagreements: [String] = []
        for (document, expected) in zip(documents, reference) {
            let ours = Result { () throws(TOMLParser.Failure) in try TOMLParser.parse(document) }
            switch (ours, expected.first as? String == "error") {
            case (.success(let table), false):
                accepted += 1
                if !Tomllib.same(.table(table), expected) { disagreements.append("different values:\n\(document)") }
            case (.failure, true):
                break
            case (.success, true):
                disagreements.append("accepted what tomllib rejects (\(expected[1])):\n\(document)")
            case (.failure(let failure), false):
                disagreements.append("rejected (\(failure.line):\(failure.column) \(failure.message)):\n\(document)")
            }
        }
        print(
            "reliability: toml-differential \(documents.count) documents, \(accepted) accepted, \(disagreements.count) disagreements"
        )
        #expect(
            disagreements.isEmpty,
            "\(disagreements.count) of \(documents.count):\n\(disagreements.first?.prefix(2_000) ?? "")")
        // Both kinds are exercised: a generator that only ever produced errors would prove nothing.
        #expect(accepted > 1_000 && accepted < documents.count - 1_000)
    }
}

/// Runs `Tests/Tools/tomllib-tagged.py` once on all documents.
enum Tomllib {
    static func parse(_ documents: [String]) throws -> [[Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", RepositoryFiles.path("Tests/Tools/tomllib-tagged.py")]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let payload = try JSONSerialization.data(withJSONObject: documents)
        // Write from another thread: the script answers only after reading all of it.
        let writer = Thread {
            input.fileHandleForWriting.write(payload)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 with tomllib (Python 3.11 or later) must run")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[Any]])
    }

    /// Whether our value equals tomllib's tagged one.
    static func same(_ value: TOMLValue, _ tagged: [Any]) -> Bool {
        guard let tag = tagged.first as? String, tagged.count >= 2 else { return false }
        let payload = tagged[1]
        switch (value, tag) {
        case (.string(let string), "str"): return string == payload as? String
        case (.boolean(let bool), "bool"): return bool == (payload as? Bool)
        case (.integer(let integer), "int"): return String(integer) == payload as? String
        case (.float(let double), "float"):
            guard let text = payload as? String, let theirs = Double(text) else { return false }
            return double.isNaN ? theirs.isNaN : double == theirs
        case (.localDate(let date), "date"): return [date.year, date.month, date.day] == payload as? [Int]
        case (.localTime(let time), "time"): return fields(time) == payload as? [Int]
        case (.localDateTime(let date, let time), "datetime"):
            return [date.year, date.month, date.day] + fields(time) == payload as? [Int] && tagged[2] is NSNull
        case (.offsetDateTime(let date, let time, let offset), "datetime"):
            return [date.year, date.month, date.day] + fields(time) == payload as? [Int] && offset == tagged[2] as? Int
        case (.array(let array), "array"):
            guard let elements = payload as? [[Any]], elements.count == array.elements.count else { return false }
            return zip(array.elements, elements).allSatisfy { same($0, $1) }
        case (.table(let table), "table"):
            guard let entries = payload as? [String: [Any]], Set(entries.keys) == Set(table.keys) else { return false }
            return table.keys.allSatisfy { key in same(table[key]!, entries[key]!) }
        default:
            return false
        }
    }

    private static func fields(_ time: TOMLTime) -> [Int] {
        [time.hour, time.minute, time.second, time.nanosecond / 1_000]
    }
}

/// Random TOML documents that use every construct, with keys drawn from a small set so that
/// redefinitions (the subtle part of TOML) happen often; and mutants with random edits.
struct TOMLDocumentGenerator {
    var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    static let keys = ["a", "b", "c", "x-1", "_k", "9", "\"q d\"", "'lit'", "\"\"", "\"中文\"", "\"a\""]

    mutating func document() -> String {
        var lines: [String] = []
        for _ in 0..<int(0...3) { lines.append(keyValue(depth: 0)) }
        for _ in 0..<int(0...4) {
            let header = bool() ? "[\(key(parts: 1...3))]" : "[[\(key(parts: 1...2))]]"
            lines.append(header + comment())
            for _ in 0..<int(0...3) { lines.append(keyValue(depth: 0)) }
        }
        return lines.joined(separator: bool() ? "\n" : "\r\n") + (bool() ? "\n" : "")
    }

    /// One to three random edits: a character deleted, one inserted, a line repeated.
    mutating func mutant(of document: String) -> String {
        var characters = Array(document)
        for _ in 0..<int(1...3) {
            switch int(0...2) {
            case 0 where !characters.isEmpty:
                characters.remove(at: int(0...(characters.count - 1)))
            case 1:
                let inserted = Array("[]{}=\".,#\n'\\ 0x:-+_e\t\u{7}")
                characters.insert(inserted[int(0...(inserted.count - 1))], at: int(0...characters.count))
            default:
                let lines = String(characters).split(separator: "\n", omittingEmptySubsequences: false)
                guard let line = lines.randomElement(using: &random) else { continue }
                characters += Array("\n" + line)
            }
        }
        return String(characters)
    }

    mutating func keyValue(depth: Int) -> String {
        "\(key(parts: 1...3))\(blank())=\(blank())\(value(depth: depth))\(comment())"
    }

    mutating func key(parts: ClosedRange<Int>) -> String {
        (0..<int(parts)).map { _ in pick(Self.keys) }.joined(separator: bool() ? "." : " . ")
    }

    mutating func value(depth: Int) -> String {
        switch int(depth < 3 ? 0...9 : 0...7) {
        case 0: return integer()
        case 1:
            return pick([
                "1.5", "-0.25e3", "6.02E+23", "inf", "-nan", "+inf", "1e-7", "3_1.4_1", "0.0", "-0e0", "1_0e1_0",
            ])
        case 2: return bool() ? "true" : "false"
        case 3, 4: return string()
        case 5: return multilineString()
        case 6, 7:
            return pick([
                "2024-02-29", "1979-05-27T07:32:00Z", "1979-05-27 07:32:00.999999+08:00", "07:32:00.5",
                "2026-11-25t08:20:00", "2026-11-25T08:20:00.1234567-05:30", "00:00:00", "1987-07-05T17:45:00z",
            ])
        case 8:
            let elements = (0..<int(0...3)).map { _ in value(depth: depth + 1) }
            let separator = pick([",", ", ", ",\n  ", " ,# note\n"])
            return "[" + pick(["", "\n", " "]) + elements.joined(separator: separator)
                + (bool() && !elements.isEmpty ? "," : "") + pick(["", "\n", " "]) + "]"
        default:
            let entries = (0..<int(0...3)).map { _ in
                "\(key(parts: 1...2)) = \(value(depth: depth + 1))".replacingOccurrences(of: "\n", with: " ")
            }
            return "{" + blank() + entries.joined(separator: ", ") + blank() + "}"
        }
    }

    mutating func integer() -> String {
        let number = Int(random.next() % 2_000_001) - 1_000_000
        switch int(0...4) {
        case 0: return "0x" + String(abs(number), radix: 16, uppercase: bool())
        case 1: return "0o" + String(abs(number), radix: 8)
        case 2: return "0b" + String(abs(number) % 64, radix: 2)
        case 3: return (number >= 0 && bool() ? "+" : "") + String(number)
        default:
            // Underscores between digits.
            var digits = String(abs(number))
            if digits.count > 3 { digits.insert("_", at: digits.index(digits.endIndex, offsetBy: -3)) }
            return (number < 0 ? "-" : "") + digits
        }
    }

    mutating func string() -> String {
        let pieces = ["a", "中文", " ", "\\n", "\\t", "\\\"", "\\\\", "\\u00E9", "\\U0001F600", "'", "#", "\t", "é"]
        let body = (0..<int(0...5)).map { _ in pick(pieces) }.joined()
        if bool() { return "\"\(body)\"" }
        return "'\(body.replacingOccurrences(of: "'", with: ""))'"
    }

    mutating func multilineString() -> String {
        let lines = ["first", "", "中文 line", "ends with a backslash \\", "  \"quoted\" ", "tab\there"]
        let body = (0..<int(1...3)).map { _ in pick(lines) }.joined(separator: "\n")
        if bool() { return "\"\"\"\n\(body)\"\"\"" }
        return "'''\(bool() ? "\n" : "")\(body.replacingOccurrences(of: "\\", with: "/"))'''"
    }

    mutating func comment() -> String { bool() ? "" : pick([" # note", "# 中文", "\t#"]) }
    mutating func blank() -> String { pick(["", " ", "\t"]) }
    mutating func bool() -> Bool { random.next() & 1 == 0 }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func pick(_ options: [String]) -> String { options.randomElement(using: &random)! }
}
