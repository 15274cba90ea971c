import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// The message catalogue (`Sources/LobbyCore/Messages/`) is the one place that words what people
/// read: a lint over the sources finds sentences written anywhere else, and a check of the
/// catalogue finds an entry missing its Chinese or with Chinese in its English.
@Suite("Message catalogue")
struct MessageCatalogueTests {
    static let catalogue = "Sources/LobbyCore/Messages/"

    /// Files whose text is not for the hall's people, each with the reason. Nothing else may
    /// hold a sentence.
    static let exempt: [String: String] = [
        "Sources/LobbyStore/Report/ReportWords.swift": "the report's own words, Chinese and English side by side",
        "Sources/LobbyStore/Report/MonthlyReport+Formats.swift":
            "HTML and CSS of the report; its words are ReportWords'",
        "Sources/LobbyDaemon/Metrics/DaemonMetrics.swift":
            "Prometheus HELP texts: metric metadata, stable like the names",
        "Sources/LobbySimulation/AlphaSign.swift": "the simulated sign's protocol diagnostics, for developers",
        "Sources/LobbyProtocol/Alpha/AlphaDecoder.swift": "the protocol decoder's diagnostics, for developers",
        "Sources/LobbyProtocol/Onbon/OnbonDecoder.swift": "the protocol decoder's diagnostics, for developers",
        "Sources/lobby-sim/LobbySim.swift":
            "the simulator, a developer's tool (issue 24 moves it to a simulation target)",
        "Sources/LobbySimulation/OnbonSign.swift": "the simulated card's protocol diagnostics, for developers",
        "Sources/lobby-sim/SimulatedSign.swift": "the simulator",
        "Sources/lobby-sim/PseudoTerminal.swift": "the simulator",
        "Sources/lobby-sim/NetworkPort.swift": "the simulator",
        "Sources/lobby-sim/AlphaCard.swift": "the simulator",
        "Sources/lobby-sim/OnbonCard.swift": "the simulator",
        "Sources/LobbyCore/Approval/ApprovalSheet.swift":
            "the comment inside sheet files and the signed message: formats",
        "Sources/LobbyCore/Approval/PersonalKey.swift": "the comment inside key files, a fixed file format",
        "Sources/LobbyCore/Content/ContentRules.swift": "the rules' vocabulary of advertising, data read in texts",
        "Sources/LobbyCore/Approval/ApprovalRole.swift":
            "the roles' names on the form and the spellings read from files",
        "Sources/LobbyRender/Layout/CharacterClass.swift": "line-breaking classes (UAX #14): characters, not words",
        "Sources/LobbyCore/Calendar/ShippedCalendar.swift":
            "the shipped calendar files, data (generated from calendar/)",
    ]

    /// Literals that are data, not messages: what people type and lobbyd must recognise, and
    /// the default hall name. Anything else that is not for people carries the marker
    /// `// lint: not for people (why)` on its line.
    static let data: Set<String> = ["通过", "已通过", "年", "月", "日", "本月", "上月", "政务服务中心一楼"]
    static let marker = "// lint: not for people"

    @Test("no sentence for people is written outside the catalogue")
    func noSentenceOutside() throws {
        var found: [String] = []
        for file in try Self.sources() where !file.hasPrefix(Self.catalogue) && Self.exempt[file] == nil {
            let text = try String(contentsOfFile: RepositoryFiles.path(file), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for literal in SwiftLiterals.scan(text) where Self.isSentence(literal.text) {
                let line = lines[literal.line - 1]
                let before = literal.line > 1 ? lines[literal.line - 2] : ""
                // A program's invariant, for whoever reads its crash; a marked literal (the
                // marker on its line or, for a multi-line literal, the line before).
                if line.contains("precondition(") || line.contains("fatalError(") || line.contains(Self.marker)
                    || before.trimmingCharacters(in: .whitespaces).hasPrefix(Self.marker)
                {
                    continue
                }
                found.append("\(file):\(literal.line): \"\(literal.text)\"")
            }
        }
        #expect(found.isEmpty, "words for people belong in \(Self.catalogue):\n\(found.joined(separator: "\n"))")
    }

    @Test("every catalogue entry has Chinese, and its English has no Chinese outside quotes")
    func bothLanguages() throws {
        var entries = 0
        var found: [String] = []
        for file in try Self.sources() where file.hasPrefix(Self.catalogue) {
            let text = try String(contentsOfFile: RepositoryFiles.path(file), encoding: .utf8)
            for call in SwiftLiterals.calls(of: "Localized(", in: text) {
                entries += 1
                guard call.arguments.count == 2 else {
                    found.append("\(file):\(call.line): \(call.arguments.count) arguments")
                    continue
                }
                let (chinese, english) = (call.arguments[0], call.arguments[1])
                // Identifiers and values (`"ed25519"`, a system message) are the same in both.
                if chinese != english && !chinese.contains(where: Self.isChinese) {
                    found.append("\(file):\(call.line): no Chinese in \(chinese)")
                }
                if Self.unquoted(english).contains(where: Self.isChinese) {
                    found.append("\(file):\(call.line): Chinese in the English \(english)")
                }
            }
        }
        #expect(entries > 300, "the scanner found \(entries) entries")
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test("the lint finds what it is for")
    func lintFindsSentences() {
        let source = """
            let a = "cannot read the file"
            let b = "\\(path): 无法读取"
            // a comment with words in it
            let c = "lobbyd.control"
            let d = Row.fetchOne(db, sql: "SELECT id FROM events WHERE id = ?")
            let e = "\\(kind.rawValue): \\(message)"
            """
        let sentences = SwiftLiterals.scan(source).filter { Self.isSentence($0.text) }.map(\.line)
        #expect(sentences == [1, 2])
        let call = SwiftLiterals.calls(of: "Localized(", in: #"x = Localized("甲\(b)", "a \"乙\" (\(b))")"#)
        #expect(call.map(\.arguments) == [["甲{}", "a \\\"乙\\\" ({})"]])
        #expect(Self.unquoted(call[0].arguments[1]).allSatisfy { !Self.isChinese($0) })
    }

    /// Chinese anywhere, or two English words in a row, outside SQL and data; a leading
    /// `lobbyctl render: ` names the program, it is not a sentence.
    static func isSentence(_ literal: String) -> Bool {
        guard !data.contains(literal) else { return false }
        let text = literal.replacingOccurrences(
            of: #"^lobby(ctl|d)( [a-z-]+)?: "#, with: "", options: .regularExpression)
        if text.contains(where: isChinese) { return true }
        if text.range(of: #"\b(SELECT|INSERT|DELETE|PRAGMA|CREATE|UPDATE)\b"#, options: .regularExpression) != nil {
            return false
        }
        return text.range(of: #"[A-Za-z]{2,}[ ,;]+[A-Za-z]{2,}"#, options: .regularExpression) != nil
    }

    static func isChinese(_ character: Character) -> Bool { ChineseText.isChinese(character) }

    /// The text without `\"…\"` quotations and `{}` placeholders' surroundings: quoted content
    /// (a holiday's name, the word the office must write) may be Chinese in English.
    static func unquoted(_ literal: String) -> String {
        literal.replacingOccurrences(of: #"\\"[^"\\]*\\""#, with: "", options: .regularExpression)
    }

    static func sources() throws -> [String] {
        let root = RepositoryFiles.path("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map {
            "Sources/\($0)"
        }
    }
}

/// A small scanner of Swift source: string literals (text parts, each interpolation as `{}`)
/// outside comments, and the literal arguments of a call.
enum SwiftLiterals {
    struct Literal: Equatable {
        var text: String
        var line: Int
    }

    struct Call {
        var arguments: [String]
        var line: Int
    }

    static func scan(_ source: String) -> [Literal] {
        var scanner = Scanner(Array(source))
        var found: [Literal] = []
        while let literal = scanner.nextLiteral() { found.append(literal) }
        return found
    }

    /// Each call `name…)` with its top-level arguments, each the concatenation of its literals.
    static func calls(of name: String, in source: String) -> [Call] {
        var calls: [Call] = []
        let characters = Array(source)
        let pattern = Array(name)
        var index = 0
        while index + pattern.count <= characters.count {
            guard Array(characters[index..<index + pattern.count]) == pattern,
                index == 0 || !(characters[index - 1].isLetter || characters[index - 1] == ".")
            else {
                index += 1
                continue
            }
            var scanner = Scanner(characters, from: index + pattern.count)
            let line = characters[..<index].count(where: { $0 == "\n" }) + 1
            calls.append(Call(arguments: scanner.arguments(), line: line))
            index = scanner.index
        }
        return calls
    }

    struct Scanner {
        let characters: [Character]
        var index: Int
        var line = 1

        init(_ characters: [Character], from index: Int = 0) {
            self.characters = characters
            self.index = index
        }

        func peek(_ offset: Int = 0) -> Character? {
            index + offset < characters.count ? characters[index + offset] : nil
        }

        /// The next string literal outside comments, or `nil` at the end.
        mutating func nextLiteral() -> Literal? {
            while let character = peek() {
                if character == "/" && peek(1) == "/" {
                    while let next = peek(), next != "\n" { index += 1 }
                } else if character == "\"" {
                    let start = line
                    return Literal(text: literal(), line: start)
                } else {
                    if character == "\n" { line += 1 }
                    index += 1
                }
            }
            return nil
        }

        /// Reads the literal at `index` (a `"` or `"""`); its text with `{}` for each
        /// interpolation, escapes kept as written.
        mutating func literal() -> String {
            let multiline = peek(1) == "\"" && peek(2) == "\""
            index += multiline ? 3 : 1
            var text = ""
            while let character = peek() {
                if multiline ? (character == "\"" && peek(1) == "\"" && peek(2) == "\"") : character == "\"" {
                    index += multiline ? 3 : 1
                    break
                }
                if character == "\\" && peek(1) == "(" {
                    index += 2
                    skipInterpolation()
                    text += "{}"
                    continue
                }
                if character == "\\", let next = peek(1) {
                    text += "\\\(next)"
                    index += 2
                    continue
                }
                if character == "\n" { line += 1 }
                text.append(character)
                index += 1
            }
            return text
        }

        /// Skips to the `)` that closes an interpolation, through nested literals.
        mutating func skipInterpolation() {
            var depth = 1
            while let character = peek(), depth > 0 {
                switch character {
                case "\"": _ = literal()
                case "(":
                    depth += 1
                    index += 1
                case ")":
                    depth -= 1
                    index += 1
                default:
                    if character == "\n" { line += 1 }
                    index += 1
                }
            }
        }

        /// From after `(` to its `)`: each top-level argument's literals joined.
        mutating func arguments() -> [String] {
            var arguments: [String] = [""]
            var depth = 0
            while let character = peek() {
                switch character {
                case "\"": arguments[arguments.count - 1] += literal()
                case "(", "[", "{":
                    depth += 1
                    index += 1
                case ")", "]", "}":
                    if depth == 0 {
                        index += 1
                        return arguments
                    }
                    depth -= 1
                    index += 1
                case "," where depth == 0:
                    arguments.append("")
                    index += 1
                default:
                    index += 1
                }
            }
            return arguments
        }
    }
}
