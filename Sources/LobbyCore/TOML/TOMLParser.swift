/// TOML 1.0, written for untrusted input: every failure is a `TOMLParser.Failure` with line and
/// column, never a trap; recursion is bounded (`maxNesting` arrays and inline tables inside each
/// other, `maxKeyParts` parts in one key); time is linear in the input.
///
/// The rules for what may extend what (headers, dotted keys, inline tables, arrays of tables) are
/// those of Python's `tomllib`, which `TOMLDifferentialTests` runs beside this parser on generated
/// documents. Two deliberate differences: integers must fit in 64 bits, and a leading byte-order
/// mark is skipped (Windows editors write one).
public enum TOMLParser {
    /// Arrays and inline tables inside each other.
    public static let maxNesting = 32
    /// Parts in one dotted key or header (`a.b.c` has 3).
    public static let maxKeyParts = 32

    public struct Failure: Error, Sendable, Equatable {
        /// 1-based, counted in Unicode scalars.
        public var line: Int
        public var column: Int
        public var message: String
    }

    public static func parse(_ text: String) throws(Failure) -> TOMLTable {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var parser = Parser(bytes: normalizingLineEnds(bytes))
        return try parser.document()
    }

    /// CR LF becomes LF, as in every TOML reader; a lone CR stays and is an error where it stands.
    private static func normalizingLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(.cr) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated()
        where !(byte == .cr && index + 1 < bytes.count && bytes[index + 1] == .lf) {
            result.append(byte)
        }
        return result
    }
}

private struct Parser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: Document

    mutating func document() throws(TOMLParser.Failure) -> TOMLTable {
        let root = TOMLTable(origin: .declared)
        var current = root
        // Tables made by dotted keys in the section being read; a header closes them.
        var opened: [TOMLTable] = []
        while true {
            skipBlanks()
            guard let byte = peek() else { break }
            if byte == .lf {
                index += 1
                continue
            }
            if byte == .openBracket {
                for table in opened where table.origin == .dotted { table.origin = .declared }
                opened.removeAll()
                current = peek(1) == .openBracket ? try arrayTableHeader(root) : try tableHeader(root)
            } else if byte.isBareKey || byte == .quote || byte == .apostrophe {
                try keyValue(into: current, section: true, opened: &opened, nesting: 0)
            } else if byte != .hash {
                throw failure(Messages.TOML.keyHeaderOrComment(describe(byte)))
            }
            skipBlanks()
            try skipComment()
            guard let next = peek() else { break }
            guard next == .lf else {
                throw failure(Messages.TOML.endOfLine(describe(next)))
            }
            index += 1
        }
        return root
    }

    /// `[a.b]`: declares a table, once.
    mutating func tableHeader(_ root: TOMLTable) throws(TOMLParser.Failure) -> TOMLTable {
        let start = index
        index += 1
        let keys = try key()
        try expect(.closeBracket, Messages.TOML.closeHeader)
        let parent = try headerParent(root, keys, start: start)
        let last = keys[keys.count - 1]
        switch parent[last] {
        case nil:
            let table = TOMLTable(origin: .declared)
            parent.set(last, .table(table))
            return table
        case .table(let table) where table.origin == .implicit:
            table.origin = .declared
            return table
        default:
            throw failure(Messages.TOML.alreadyDefined("[\(dotted(keys))]"), at: start)
        }
    }

    /// `[[a.b]]`: appends a table to an array of tables.
    mutating func arrayTableHeader(_ root: TOMLTable) throws(TOMLParser.Failure) -> TOMLTable {
        let start = index
        index += 2
        let keys = try key()
        guard peek() == .closeBracket, peek(1) == .closeBracket else {
            throw failure(Messages.TOML.closeArrayHeader)
        }
        index += 2
        let parent = try headerParent(root, keys, start: start)
        let last = keys[keys.count - 1]
        let table = TOMLTable(origin: .declared)
        switch parent[last] {
        case nil:
            parent.set(last, .array(TOMLArray(elements: [.table(table)], ofTables: true)))
        case .array(let array) where array.ofTables:
            array.append(.table(table))
        default:
            throw failure(Messages.TOML.notArrayOfTables(dotted(keys)), at: start)
        }
        return table
    }

    /// Walks a header's keys but the last, creating implicit tables; through an array of
    /// tables it goes to the last element.
    func headerParent(_ root: TOMLTable, _ keys: [String], start: Int) throws(TOMLParser.Failure) -> TOMLTable {
        var table = root
        for (position, key) in keys.dropLast().enumerated() {
            switch table[key] {
            case nil:
                let implicit = TOMLTable(origin: .implicit)
                table.set(key, .table(implicit))
                table = implicit
            case .table(let next) where next.origin != .inline:
                table = next
            case .array(let array) where array.ofTables:
                guard case .table(let last)? = array.elements.last else {
                    throw failure(Messages.TOML.emptyArrayOfTables(dotted(Array(keys[...position]))), at: start)
                }
                table = last
            default:
                throw failure(Messages.TOML.notExtendable(dotted(Array(keys[...position]))), at: start)
            }
        }
        return table
    }

    /// `a.b = value`, in a section (`opened` collects the tables its dotted keys make, which the
    /// next header declares) or in an inline table (`section` false: its tables close with it).
    mutating func keyValue(
        into table: TOMLTable, section: Bool, opened: inout [TOMLTable], nesting: Int
    ) throws(TOMLParser.Failure) {
        let start = index
        let keys = try key()
        try expect(.equals, Messages.TOML.equalsAfter(dotted(keys)))
        skipBlanks()
        let value = try value(nesting: nesting)
        var parent = table
        for (position, key) in keys.dropLast().enumerated() {
            switch parent[key] {
            case nil:
                let made = TOMLTable(origin: .dotted)
                parent.set(key, .table(made))
                if section { opened.append(made) }
                parent = made
            case .table(let next) where next.origin == .dotted || (section && next.origin == .implicit):
                if next.origin == .implicit {
                    next.origin = .dotted
                    opened.append(next)
                }
                parent = next
            default:
                throw failure(Messages.TOML.noDottedKeys(dotted(Array(keys[...position]))), at: start)
            }
        }
        let last = keys[keys.count - 1]
        guard parent[last] == nil else { throw failure(Messages.TOML.alreadyDefined(dotted(keys)), at: start) }
        parent.set(last, value)
    }

    // MARK: Keys

    /// A dotted key, blanks allowed around the dots; leaves the cursor after trailing blanks.
    mutating func key() throws(TOMLParser.Failure) -> [String] {
        var parts: [String] = []
        while true {
            skipBlanks()
            parts.append(try keyPart())
            guard parts.count <= TOMLParser.maxKeyParts else {
                throw failure(Messages.TOML.tooManyParts(TOMLParser.maxKeyParts))
            }
            skipBlanks()
            guard peek() == .dot else { return parts }
            index += 1
        }
    }

    mutating func keyPart() throws(TOMLParser.Failure) -> String {
        switch peek() {
        case .quote?:
            return try basicString()
        case .apostrophe?:
            return try literalString()
        case let byte? where byte.isBareKey:
            let start = index
            while let next = peek(), next.isBareKey { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        case let byte:
            throw failure(Messages.TOML.badKey(byte.map(describe) ?? Messages.TOML.endOfFile.description))
        }
    }

    // MARK: Values

    mutating func value(nesting: Int) throws(TOMLParser.Failure) -> TOMLValue {
        guard let byte = peek() else { throw failure(Messages.TOML.missingValue) }
        switch byte {
        case .quote:
            return .string(peek(1) == .quote && peek(2) == .quote ? try multilineBasicString() : try basicString())
        case .apostrophe:
            return .string(
                peek(1) == .apostrophe && peek(2) == .apostrophe ? try multilineLiteralString() : try literalString())
        case .openBracket:
            return try array(nesting: nesting + 1)
        case .openBrace:
            return try inlineTable(nesting: nesting + 1)
        default:
            if matches("true") {
                index += 4
                return .boolean(true)
            }
            if matches("false") {
                index += 5
                return .boolean(false)
            }
            if let value = try dateOrTime() { return value }
            if let value = try number() { return value }
            throw failure(Messages.TOML.notAValue(describe(byte)))
        }
    }

    mutating func array(nesting: Int) throws(TOMLParser.Failure) -> TOMLValue {
        try checkNesting(nesting)
        index += 1
        let array = TOMLArray(elements: [], ofTables: false)
        while true {
            try skipBlanksNewlinesAndComments()
            if peek() == .closeBracket { break }
            array.append(try value(nesting: nesting))
            try skipBlanksNewlinesAndComments()
            if peek() == .closeBracket { break }
            guard peek() == .comma else {
                throw failure(Messages.TOML.arraySeparator(peek().map(describe) ?? Messages.TOML.endOfFile.description))
            }
            index += 1
        }
        index += 1
        return .array(array)
    }

    mutating func inlineTable(nesting: Int) throws(TOMLParser.Failure) -> TOMLValue {
        try checkNesting(nesting)
        index += 1
        let table = TOMLTable(origin: .dotted)
        var unused: [TOMLTable] = []
        skipBlanks()
        if peek() == .closeBrace {
            index += 1
        } else {
            while true {
                try keyValue(into: table, section: false, opened: &unused, nesting: nesting)
                skipBlanks()
                if peek() == .closeBrace {
                    index += 1
                    break
                }
                guard peek() == .comma else {
                    throw failure(
                        Messages.TOML.inlineSeparator(peek().map(describe) ?? Messages.TOML.endOfFile.description))
                }
                index += 1
            }
        }
        table.origin = .inline
        return .table(table)
    }

    func checkNesting(_ nesting: Int) throws(TOMLParser.Failure) {
        guard nesting <= TOMLParser.maxNesting else {
            throw failure(Messages.TOML.tooDeep(TOMLParser.maxNesting))
        }
    }

    // MARK: Strings

    /// `"…"` with escapes, on one line.
    mutating func basicString() throws(TOMLParser.Failure) -> String {
        index += 1
        var result: [UInt8] = []
        while true {
            guard let byte = peek(), byte != .lf else { throw failure(Messages.TOML.unclosedOnLine) }
            switch byte {
            case .quote:
                index += 1
                return String(decoding: result, as: UTF8.self)
            case .backslash:
                try escape(into: &result, multiline: false)
            default:
                try checkTextByte(byte, newlineAllowed: false)
                result.append(byte)
                index += 1
            }
        }
    }

    /// `"""…"""`: escapes, newlines, and a backslash at a line's end joining it to the next.
    mutating func multilineBasicString() throws(TOMLParser.Failure) -> String {
        index += 3
        if peek() == .lf { index += 1 }
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else { throw failure(Messages.TOML.unclosedMultiline) }
            switch byte {
            case .quote where peek(1) == .quote && peek(2) == .quote:
                index += 3
                closeQuotes(.quote, into: &result)
                return String(decoding: result, as: UTF8.self)
            case .backslash:
                try escape(into: &result, multiline: true)
            default:
                try checkTextByte(byte, newlineAllowed: true)
                result.append(byte)
                index += 1
            }
        }
    }

    /// `'…'`: no escapes, on one line.
    mutating func literalString() throws(TOMLParser.Failure) -> String {
        index += 1
        let start = index
        while true {
            guard let byte = peek(), byte != .lf else { throw failure(Messages.TOML.unclosedOnLine) }
            if byte == .apostrophe { break }
            try checkTextByte(byte, newlineAllowed: false)
            index += 1
        }
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func multilineLiteralString() throws(TOMLParser.Failure) -> String {
        index += 3
        if peek() == .lf { index += 1 }
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else { throw failure(Messages.TOML.unclosedMultiline) }
            if byte == .apostrophe && peek(1) == .apostrophe && peek(2) == .apostrophe {
                index += 3
                closeQuotes(.apostrophe, into: &result)
                return String(decoding: result, as: UTF8.self)
            }
            try checkTextByte(byte, newlineAllowed: true)
            result.append(byte)
            index += 1
        }
    }

    /// After a closing triple quote, up to two more quotes belong to the string (`""""` ends a
    /// string with one quote).
    mutating func closeQuotes(_ quote: UInt8, into result: inout [UInt8]) {
        for _ in 0..<2 where peek() == quote {
            result.append(quote)
            index += 1
        }
    }

    mutating func escape(into result: inout [UInt8], multiline: Bool) throws(TOMLParser.Failure) {
        let start = index
        index += 1
        guard let code = peek() else { throw failure(Messages.TOML.unclosed) }
        if multiline && (code == .space || code == .tab || code == .lf) {
            skipBlanks()
            guard peek() == .lf || peek() == nil else {
                throw failure(Messages.TOML.backslash, at: start)
            }
            while let next = peek(), next == .space || next == .tab || next == .lf { index += 1 }
            return
        }
        index += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "f"): 0x0C,
            UInt8(ascii: "r"): 0x0D, .quote: .quote, .backslash: .backslash,
        ]
        if let replacement = simple[code] {
            result.append(replacement)
            return
        }
        let digits = code == UInt8(ascii: "u") ? 4 : code == UInt8(ascii: "U") ? 8 : 0
        guard digits > 0 else {
            throw failure(Messages.TOML.notEscape(describe(code)), at: start)
        }
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let digit = peek().flatMap(\.hexValue) else {
                throw failure(Messages.TOML.hexDigits(describe(code), digits), at: start)
            }
            value = value &* 16 &+ UInt32(digit)
            index += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw failure(Messages.TOML.notUnicode, at: start)
        }
        result.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// Control characters other than tab (and newline, where allowed) are not allowed in text.
    func checkTextByte(_ byte: UInt8, newlineAllowed: Bool) throws(TOMLParser.Failure) {
        guard byte.isControl, byte != .tab, !(newlineAllowed && byte == .lf) else { return }
        throw failure(Messages.TOML.controlInText(describe(byte)))
    }

    // MARK: Numbers, dates and times

    /// `2026-11-25`, `2026-11-25T08:20:00[.5][Z|+08:00]`, `08:20:00[.5]`; `nil` when the text
    /// here has neither shape (then it may be a number).
    mutating func dateOrTime() throws(TOMLParser.Failure) -> TOMLValue? {
        let start = index
        if let date = try date() {
            guard let separator = peek(), [UInt8(ascii: "T"), UInt8(ascii: "t"), .space].contains(separator),
                shape("dd:dd:dd", at: index + 1)
            else { return .localDate(date) }
            index += 1
            let time = try time(start: start)
            if peek() == UInt8(ascii: "Z") || peek() == UInt8(ascii: "z") {
                index += 1
                return .offsetDateTime(date, time, offsetMinutes: 0)
            }
            if let sign = peek(), sign == .plus || sign == .minus, shape("dd:dd", at: index + 1) {
                let hours = digits(at: index + 1, count: 2)
                let minutes = digits(at: index + 4, count: 2)
                guard hours < 24, minutes < 60 else { throw failure(Messages.TOML.badOffset, at: start) }
                index += 6
                return .offsetDateTime(date, time, offsetMinutes: (sign == .minus ? -1 : 1) * (hours * 60 + minutes))
            }
            return .localDateTime(date, time)
        }
        guard shape("dd:dd:dd", at: index) else { return nil }
        return .localTime(try time(start: start))
    }

    mutating func date() throws(TOMLParser.Failure) -> TOMLDate? {
        guard shape("dddd-dd-dd", at: index) else { return nil }
        let date = TOMLDate(
            year: digits(at: index, count: 4), month: digits(at: index + 5, count: 2),
            day: digits(at: index + 8, count: 2))
        guard (1...12).contains(date.month), (1...31).contains(date.day) else { return nil }
        guard date.day <= Self.daysIn(month: date.month, year: date.year) else {
            throw failure(Messages.TOML.notADate("\(date.year)-\(date.month)-\(date.day)"))
        }
        index += 10
        return date
    }

    mutating func time(start: Int) throws(TOMLParser.Failure) -> TOMLTime {
        var time = TOMLTime(
            hour: digits(at: index, count: 2), minute: digits(at: index + 3, count: 2),
            second: digits(at: index + 6, count: 2), nanosecond: 0)
        guard time.hour < 24, time.minute < 60, time.second < 60 else {
            throw failure(Messages.TOML.notATime, at: start)
        }
        index += 8
        if peek() == .dot, let first = peek(1), first.isDigit {
            index += 1
            var scale = 100_000_000
            while let digit = peek(), digit.isDigit {
                time.nanosecond += scale * Int(digit - .zero)
                scale /= 10
                index += 1
            }
        }
        return time
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Integers (decimal, 0x, 0o, 0b, with single underscores between digits) and floats
    /// (fraction, exponent, inf, nan); `nil` when none starts here.
    mutating func number() throws(TOMLParser.Failure) -> TOMLValue? {
        let start = index
        if peek() == .zero, let radixMark = peek(1) {
            let radix: Int? =
                switch radixMark {
                case UInt8(ascii: "x"): 16
                case UInt8(ascii: "o"): 8
                case UInt8(ascii: "b"): 2
                default: nil
                }
            if let radix, let first = peek(2), first.digitValue(radix: radix) != nil {
                index += 2
                let text = digitRun(radix: radix)
                guard let value = Int(text, radix: radix) else {
                    throw failure(Messages.TOML.tooBig, at: start)
                }
                return .integer(value)
            }
        }
        var text = ""
        if let sign = peek(), sign == .plus || sign == .minus {
            text.append(Character(Unicode.Scalar(sign)))
            index += 1
        }
        for word in ["inf", "nan"] where matches(word) {
            index += 3
            return .float(word == "inf" ? (text == "-" ? -.infinity : .infinity) : .nan)
        }
        guard peek()?.isDigit == true else {
            index = start
            return nil
        }
        if peek() == .zero {
            text += "0"
            index += 1
        } else {
            text += digitRun(radix: 10)
        }
        var isFloat = false
        if peek() == .dot, peek(1)?.isDigit == true {
            index += 1
            text += "." + digitRun(radix: 10)
            isFloat = true
        }
        if let mark = peek(), mark == UInt8(ascii: "e") || mark == UInt8(ascii: "E") {
            var exponent = index + 1
            var sign = ""
            if let next = byte(at: exponent), next == .plus || next == .minus {
                sign = String(Character(Unicode.Scalar(next)))
                exponent += 1
            }
            if byte(at: exponent)?.isDigit == true {
                index = exponent
                text += "e" + sign + digitRun(radix: 10)
                isFloat = true
            }
        }
        if isFloat {
            guard let value = Double(text) else { throw failure(Messages.TOML.notANumber, at: start) }
            return .float(value)
        }
        guard let value = Int(text) else { throw failure(Messages.TOML.tooBig, at: start) }
        return .integer(value)
    }

    /// Digits of `radix` with single underscores between them; the underscores are dropped.
    mutating func digitRun(radix: Int) -> String {
        var text = ""
        while let byte = peek() {
            if byte.digitValue(radix: radix) != nil {
                text.append(Character(Unicode.Scalar(byte)))
                index += 1
            } else if byte == .underscore, let next = peek(1), next.digitValue(radix: radix) != nil {
                index += 1
            } else {
                break
            }
        }
        return text
    }

    /// Whether the bytes at `position` have `pattern`'s shape: `d` is a digit, anything else itself.
    func shape(_ pattern: StaticString, at position: Int) -> Bool {
        guard position + pattern.utf8CodeUnitCount <= bytes.count else { return false }
        for offset in 0..<pattern.utf8CodeUnitCount {
            let expected = pattern.utf8Start[offset]
            let byte = bytes[position + offset]
            if expected == UInt8(ascii: "d") ? !byte.isDigit : byte != expected { return false }
        }
        return true
    }

    func digits(at position: Int, count: Int) -> Int {
        bytes[position..<position + count].reduce(0) { $0 * 10 + Int($1 - .zero) }
    }

    // MARK: Cursor

    func peek(_ offset: Int = 0) -> UInt8? {
        byte(at: index + offset)
    }

    func byte(at position: Int) -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    func matches(_ word: String) -> Bool {
        bytes[index...].starts(with: word.utf8)
    }

    mutating func skipBlanks() {
        while let byte = peek(), byte == .space || byte == .tab { index += 1 }
    }

    mutating func skipComment() throws(TOMLParser.Failure) {
        guard peek() == .hash else { return }
        while let byte = peek(), byte != .lf {
            if byte.isControl && byte != .tab {
                throw failure(Messages.TOML.controlInComment(describe(byte)))
            }
            index += 1
        }
    }

    mutating func skipBlanksNewlinesAndComments() throws(TOMLParser.Failure) {
        while true {
            while let byte = peek(), byte == .space || byte == .tab || byte == .lf { index += 1 }
            guard peek() == .hash else { return }
            try skipComment()
        }
    }

    mutating func expect(_ byte: UInt8, _ message: Localized) throws(TOMLParser.Failure) {
        skipBlanks()
        guard peek() == byte else {
            throw failure(Messages.TOML.found(message, peek().map(describe) ?? Messages.TOML.endOfFile.description))
        }
        index += 1
    }

    func failure(_ message: Localized, at position: Int? = nil) -> TOMLParser.Failure {
        let position = min(position ?? index, bytes.count)
        var line = 1
        var lineStart = 0
        for (offset, byte) in bytes[..<position].enumerated() where byte == .lf {
            line += 1
            lineStart = offset + 1
        }
        // Columns count characters (scalars), not bytes: skip UTF-8 continuation bytes.
        let column = bytes[lineStart..<position].count(where: { $0 & 0xC0 != 0x80 }) + 1
        return TOMLParser.Failure(line: line, column: column, message: message.description)
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte >= 0x80 {
            // The whole character, for a person to find it.
            var end = index + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            if index < bytes.count, bytes[index] == byte {
                return "'\(String(decoding: bytes[index..<end], as: UTF8.self))'"
            }
        }
        return Unicode.Scalar(byte).codePoint
    }

    func dotted(_ keys: [String]) -> String {
        keys.map { key in
            key.utf8.allSatisfy(\.isBareKey) && !key.isEmpty ? key : "\"\(key)\""
        }.joined(separator: ".")
    }
}

extension UInt8 {
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let lf = UInt8(ascii: "\n")
    fileprivate static let cr = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let apostrophe = UInt8(ascii: "'")
    fileprivate static let hash = UInt8(ascii: "#")
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let minus = UInt8(ascii: "-")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let zero = UInt8(ascii: "0")
    fileprivate static let equals = UInt8(ascii: "=")
    fileprivate static let openBracket = UInt8(ascii: "[")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let closeBracket = UInt8(ascii: "]")
    fileprivate static let underscore = UInt8(ascii: "_")
    fileprivate static let openBrace = UInt8(ascii: "{")
    fileprivate static let closeBrace = UInt8(ascii: "}")

    fileprivate var isDigit: Bool { self >= .zero && self <= UInt8(ascii: "9") }
    fileprivate var isControl: Bool { self < 0x20 || self == 0x7F }

    fileprivate var isBareKey: Bool {
        isDigit || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || self == .underscore || self == .minus
    }

    fileprivate var hexValue: Int? { digitValue(radix: 16) }

    fileprivate func digitValue(radix: Int) -> Int? {
        let value: Int
        switch self {
        case .zero...UInt8(ascii: "9"): value = Int(self - .zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(self - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(self - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < radix ? value : nil
    }
}
