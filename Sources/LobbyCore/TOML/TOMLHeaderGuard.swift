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
/// The same toml++ asserts that a date followed by `T` or `t` continues with a digit of the
/// time: `a = 1979-05-27T:00` aborts (found by the same test). A date, `T` and anything but a
/// digit is never valid TOML in a value, so it is reported here too.
enum TOMLHeaderGuard {
    enum Problem: Equatable {
        /// A table header whose first key character cannot start a key.
        case header
        /// A date whose `T` is not followed by the time.
        case dateTime
    }

    /// Line and column (1-based) of the first header whose key cannot start, if any.
    static func firstBadHeader(in text: String) -> (line: Int, column: Int, found: Unicode.Scalar)? {
        guard let problem = firstProblem(in: text), problem.problem == .header else { return nil }
        return (problem.line, problem.column, problem.found)
    }

    /// The first construct that would crash the parser, with its place.
    static func firstProblem(in text: String) -> (line: Int, column: Int, found: Unicode.Scalar, problem: Problem)? {
        var lexer = Lexer(Array(text.unicodeScalars))
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
        /// Nesting of `[ ]` and `{ }` inside values; headers exist only at depth 0.
        var depth = 0
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
                case "0"..."9" where inValue || depth > 0:
                    if let bad = checkDateTime() { return (line, bad, scalars[lineStart + bad - 1], .dateTime) }
                    onlyWhitespaceSoFar = false
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
                    depth += 1
                    onlyWhitespaceSoFar = false
                case "]", "}":
                    depth = max(0, depth - 1)
                    onlyWhitespaceSoFar = false
                default:
                    onlyWhitespaceSoFar = false
                }
                index += 1
            }
            return nil
        }

        /// At a digit in a value: `DDDD-DD-DD` then `T`/`t` then a non-digit is a crash; returns
        /// the column of the character after `T`.
        func checkDateTime() -> Int? {
            let pattern: [(Unicode.Scalar) -> Bool] =
                [isDigit, isDigit, isDigit, isDigit, { $0 == "-" }, isDigit, isDigit, { $0 == "-" }, isDigit, isDigit]
                + [{ $0 == "T" || $0 == "t" }]
            // Only at the start of a token: "12021-01-01T" is not a date.
            if index > 0, isDigit(scalars[index - 1]) { return nil }
            for (offset, matches) in pattern.enumerated() {
                guard index + offset < scalars.count, matches(scalars[index + offset]) else { return nil }
            }
            let after = index + pattern.count
            guard after < scalars.count, !isDigit(scalars[after]) else { return nil }
            return after - lineStart + 1
        }

        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

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
