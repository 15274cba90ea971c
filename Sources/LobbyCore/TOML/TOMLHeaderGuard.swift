/// Finds table headers and date-times that would crash the TOML parser, before it sees them.
///
/// toml++ 3.4.0, bundled in TOMLKit 0.6.0 (the only version available to us), asserts that a
/// table header's first key character is a bare-key character or a quote. An assertion aborts a
/// debug build, and in a release build it is an optimiser assumption, so the behaviour is
/// undefined. `[=`, `[ +` and `[中文]` all trigger it, and our fuzz tests found it. A playlist
/// dropped in the spool must never be able to do that, so this light lexer reports such a header
/// as a syntax error first. It tracks strings, comments and multi-line arrays, so it judges only
/// real headers.
///
/// The same toml++ asserts its way through malformed numbers and dates in values:
/// `a = 1979-05-27T:00` and `a=1979-05-2= 1 x` abort (found by the random-bytes test and by
/// `make fuzz`). So every value token that starts with a digit or a sign must be one of TOML's
/// numbers, dates, date-times or times in full before the parser sees it; anything else is
/// reported here as a syntax error. (Stricter than TOML in one corner: a bare key starting with a
/// digit inside an inline table must also look like a number. None of our formats has one.)
enum TOMLHeaderGuard {
    enum Problem: Equatable {
        /// A table header whose first key character cannot start a key.
        case header
        /// A value starting with a digit or a sign that is no number, date or time.
        case number
        /// `}` closing an array, or `]` an inline table.
        case bracket
    }

    /// Line and column (1-based) of the first header whose key cannot start, if any.
    static func firstBadHeader(in text: String) -> (line: Int, column: Int, found: Unicode.Scalar)? {
        guard let problem = firstProblem(in: text), problem.problem == .header else { return nil }
        return (problem.line, problem.column, problem.found)
    }

    /// The first construct that would crash the parser, with its place.
    static func firstProblem(in text: String) -> (line: Int, column: Int, found: Unicode.Scalar, problem: Problem)? {
        var lexer = Lexer(Array(text.unicodeScalars))
        // The parser skips a byte-order mark, so a header right after one is still a header.
        if lexer.scalars.first == "\u{FEFF}" { lexer.index = 1 }
        return lexer.run()
    }

    static func isKeyStart(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
            || scalar == "_" || scalar == "-" || scalar == "\"" || scalar == "'" || scalar == "]"
    }

    private struct Lexer {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1
        var lineStart = 0
        /// Open `[` and `{` inside values, innermost last; headers exist only outside them.
        var open: [Unicode.Scalar] = []
        var depth: Int { open.count }
        var onlyWhitespaceSoFar = true
        /// After `=` on the current line: a value, where a date-time may appear.
        var inValue = false

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        mutating func run() -> (line: Int, column: Int, found: Unicode.Scalar, problem: Problem)? {
            while index < scalars.count {
                let scalar = scalars[index]
                switch scalar {
                case "\n":
                    line += 1
                    lineStart = index + 1
                    onlyWhitespaceSoFar = true
                    if depth == 0 { inValue = false }
                case "=":
                    inValue = true
                    onlyWhitespaceSoFar = false
                case _ where (inValue || depth > 0) && (isDigit(scalar) || scalar == "+" || scalar == "-"):
                    if !checkNumber() { return (line, index - lineStart + 1, scalar, .number) }
                    onlyWhitespaceSoFar = false
                    continue
                case " ", "\t", "\r":
                    break
                case "#":
                    skip { $0 != "\n" }
                    continue
                case "\"", "'":
                    skipString(delimiter: scalar)
                    onlyWhitespaceSoFar = false
                    continue
                case "[" where depth == 0 && onlyWhitespaceSoFar:
                    if let bad = checkHeader() { return (bad.line, bad.column, bad.found, .header) }
                    onlyWhitespaceSoFar = false
                    continue
                case "[", "{":
                    open.append(scalar)
                    onlyWhitespaceSoFar = false
                case "]", "}":
                    // toml++ asserts on `[}`: a closer that does not match is reported here.
                    if let innermost = open.last, (innermost == "[") != (scalar == "]") {
                        return (line, index - lineStart + 1, scalar, .bracket)
                    }
                    _ = open.popLast()
                    onlyWhitespaceSoFar = false
                default:
                    onlyWhitespaceSoFar = false
                }
                index += 1
            }
            return nil
        }

        /// At a value token starting with a digit or sign: true (and past it) when the whole token
        /// is a TOML number, date, date-time or time. A date-time may use a space before its time.
        mutating func checkNumber() -> Bool {
            var end = index
            while end < scalars.count, !Self.isTerminator(scalars[end]) { end += 1 }
            var token = String(String.UnicodeScalarView(scalars[index..<end]))
            // After a date, a space and a digit start a time (the parser reads them as one value).
            if token.wholeMatch(of: NumberForms.date) != nil, end + 1 < scalars.count, scalars[end] == " ",
                isDigit(scalars[end + 1])
            {
                end += 1
                while end < scalars.count, !Self.isTerminator(scalars[end]) { end += 1 }
                token = String(String.UnicodeScalarView(scalars[index..<end]))
            }
            guard NumberForms.all.contains(where: { token.wholeMatch(of: $0) != nil }) else { return false }
            index = end
            return true
        }

        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

        static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
            " \t\r\n,]}#".unicodeScalars.contains(scalar)
        }

        /// At a header's `[`: the first non-blank character after `[` or `[[` must start a key.
        mutating func checkHeader() -> (line: Int, column: Int, found: Unicode.Scalar)? {
            index += 1
            if index < scalars.count && scalars[index] == "[" { index += 1 }
            skip { $0 == " " || $0 == "\t" }
            guard index < scalars.count else { return nil }
            let first = scalars[index]
            if !TOMLHeaderGuard.isKeyStart(first) { return (line, index - lineStart + 1, first) }
            // The rest of the header: its quoted keys may hold brackets, its end is `]`.
            while index < scalars.count && scalars[index] != "\n" {
                if scalars[index] == "\"" || scalars[index] == "'" {
                    skipString(delimiter: scalars[index])
                } else if scalars[index] == "]" {
                    index += 1
                    if index < scalars.count && scalars[index] == "]" { index += 1 }
                    return nil
                } else {
                    index += 1
                }
            }
            return nil
        }

        /// Past a basic, literal or multi-line string (escapes honoured in basic strings).
        mutating func skipString(delimiter: Unicode.Scalar) {
            let multiline =
                index + 2 < scalars.count && scalars[index + 1] == delimiter && scalars[index + 2] == delimiter
            index += multiline ? 3 : 1
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\\" && delimiter == "\"" {
                    index += 2
                    continue
                }
                if scalar == "\n" {
                    guard multiline else { return }
                    line += 1
                    lineStart = index + 1
                }
                if scalar == delimiter {
                    let closes =
                        !multiline
                        || (index + 2 < scalars.count && scalars[index + 1] == delimiter
                            && scalars[index + 2] == delimiter)
                    if closes {
                        index += multiline ? 3 : 1
                        return
                    }
                }
                index += 1
            }
        }

        mutating func skip(while condition: (Unicode.Scalar) -> Bool) {
            while index < scalars.count && condition(scalars[index]) { index += 1 }
        }
    }
}

/// TOML 1.0's number, date and time forms, whole tokens.
private enum NumberForms {
    nonisolated(unsafe) static let date = try! Regex(#"[0-9]{4}-[0-9]{2}-[0-9]{2}"#)
    nonisolated(unsafe) static let all: [Regex<AnyRegexOutput>] = [
        #"[+-]?(0|[1-9](_?[0-9])*)"#,
        #"0x[0-9A-Fa-f](_?[0-9A-Fa-f])*"#, #"0o[0-7](_?[0-7])*"#, #"0b[01](_?[01])*"#,
        #"[+-]?(0|[1-9](_?[0-9])*)(\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?"#,
        #"[+-]?(inf|nan)"#,
        #"[0-9]{4}-[0-9]{2}-[0-9]{2}"#,
        #"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})?"#,
        #"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"#,
    ].map { try! Regex($0) }
}
