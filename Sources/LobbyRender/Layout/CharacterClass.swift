/// Character classes for line breaking, after the Chinese typesetting rules (行首/行尾禁则)
/// and Unicode line-breaking classes, reduced to what a hall sign needs.
enum CharacterClass {
    /// Never at the start of a line: closing brackets and quotes, sentence and clause punctuation.
    static let closing: Set<Unicode.Scalar> = Set(
        "，。、；：？！）》」』】〕〗〙〛〉］｝”’…‥—–～·%‰℃°,.;:?!)]}>".unicodeScalars)

    /// Never at the end of a line: opening brackets and quotes.
    static let opening: Set<Unicode.Scalar> = Set("（《「『【〔〖〘〚〈［｛“‘([{<".unicodeScalars)

    /// Inside a word or number when a word character follows: 0755-123, 08:20, 12,345, a/b, x@y,
    /// web addresses (?id=12&k=v, %20, ~user) and their full-width forms (２０２６－１０－０１, ０８：２０).
    /// The en dash of a range (08:20–12:00) joins too.
    static let joiners: Set<Unicode.Scalar> = Set("-–.:/@_+#&',?=%~－：．／".unicodeScalars)

    /// No break on either side: the no-break spaces (UAX #14 class GL).
    static let glue: Set<Unicode.Scalar> = Set("\u{00A0}\u{202F}\u{2007}".unicodeScalars)

    /// Signs that belong to the number after them: -5℃, +10℃, －３.
    static let signs: Set<Unicode.Scalar> = Set("+-−－＋±".unicodeScalars)

    static func isClosing(_ scalar: Unicode.Scalar) -> Bool { closing.contains(scalar) }
    static func isOpening(_ scalar: Unicode.Scalar) -> Bool { opening.contains(scalar) }
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool { joiners.contains(scalar) }

    /// Letters and digits of alphabetic scripts; CJK characters break individually instead.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        guard !isCJK(scalar) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Han, kana, Hangul, CJK symbols and full-width forms: each one a break opportunity.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF,
            0x20000...0x3FFFF:
            true
        default:
            false
        }
    }
}

/// Everything the line breaker asks about one character, answered once per character: the
/// sets above are the definition, and this is how the breaker reads them quickly (a table for
/// ASCII, a shortcut for the common ideographs, the sets for the rest).
struct BreakClass: OptionSet {
    let rawValue: UInt16

    static let space = BreakClass(rawValue: 1 << 0)
    static let closing = BreakClass(rawValue: 1 << 1)
    static let opening = BreakClass(rawValue: 1 << 2)
    static let joiner = BreakClass(rawValue: 1 << 3)
    /// Letters and digits, ASCII or full-width: the characters of words and numbers.
    static let word = BreakClass(rawValue: 1 << 4)
    /// 0–9 and ０–９.
    static let digit = BreakClass(rawValue: 1 << 5)
    /// 年月日时分秒号点: glued to the number before them.
    static let dateUnit = BreakClass(rawValue: 1 << 6)
    /// 年 and 月: also glued to the number after them (2026年11月).
    static let yearOrMonth = BreakClass(rawValue: 1 << 7)
    /// ￥ ¥ $ € £: glued to the amount after them.
    static let currency = BreakClass(rawValue: 1 << 8)
    /// （ and (: may open an area code.
    static let parenthesisOpen = BreakClass(rawValue: 1 << 9)
    /// ） and ): may close an area code.
    static let parenthesisClose = BreakClass(rawValue: 1 << 10)

    /// `-`, the one joiner an area code holds: (0763-3)
    static let hyphen = BreakClass(rawValue: 1 << 11)
    /// + - − － ＋ ±: glued to the number after them.
    static let sign = BreakClass(rawValue: 1 << 12)
    /// - – / － ／: where a number or address too long for a line is best cut (after it), unlike
    /// the `:` of a time or the `.` of a decimal.
    static let cutAfter = BreakClass(rawValue: 1 << 13)
    /// A no-break space: no break before or after it. Also `space`: at a line's end, and where
    /// a run too wide for any line must be cut, it is consumed like a space (and the best place
    /// for that cut, ahead of a digit taken from a number).
    static let glue = BreakClass(rawValue: 1 << 14)

    init(rawValue: UInt16) { self.rawValue = rawValue }

    init(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0..<0x80: self = Self.ascii[Int(scalar.value)]
        // Ideographs are none of the classes, except the date units.
        case 0x4E00...0x9FFF where !Self.isDateUnit(scalar.value): self = []
        default: self = Self.classify(scalar)
        }
    }

    /// 年 月 日 时 分 秒 号 点 (a switch: this runs for every ideograph).
    private static func isDateUnit(_ value: UInt32) -> Bool {
        switch value {
        case 0x5E74, 0x6708, 0x65E5, 0x65F6, 0x5206, 0x79D2, 0x53F7, 0x70B9: true
        default: false
        }
    }
    private static let ascii: [BreakClass] = (0..<0x80).map { classify(Unicode.Scalar(UInt8($0))) }

    /// The classes of `scalar`, straight from the definitions.
    static func classify(_ scalar: Unicode.Scalar) -> BreakClass {
        var classes: BreakClass = []
        if scalar == " " || scalar == "\u{3000}" { classes.insert(.space) }
        if CharacterClass.isClosing(scalar) { classes.insert(.closing) }
        if CharacterClass.isOpening(scalar) { classes.insert(.opening) }
        if CharacterClass.isJoiner(scalar) { classes.insert(.joiner) }
        let fullWidthAlphanumeric = [0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A].contains {
            $0.contains(scalar.value)
        }
        if CharacterClass.isWord(scalar) || fullWidthAlphanumeric { classes.insert(.word) }
        if ("0"..."9").contains(scalar) || (0xFF10...0xFF19).contains(scalar.value) { classes.insert(.digit) }
        if isDateUnit(scalar.value) { classes.insert(.dateUnit) }
        if scalar == "年" || scalar == "月" { classes.insert(.yearOrMonth) }
        if "￥¥$€£".unicodeScalars.contains(scalar) { classes.insert(.currency) }
        if scalar == "-" { classes.insert(.hyphen) }
        if CharacterClass.signs.contains(scalar) { classes.insert(.sign) }
        if "-–/－／".unicodeScalars.contains(scalar) { classes.insert(.cutAfter) }
        if CharacterClass.glue.contains(scalar) { classes.formUnion([.glue, .space]) }
        if scalar == "（" || scalar == "(" { classes.insert(.parenthesisOpen) }
        if scalar == "）" || scalar == ")" { classes.insert(.parenthesisClose) }
        return classes
    }
}
