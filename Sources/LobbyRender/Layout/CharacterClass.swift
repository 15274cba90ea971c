/// Character classes for line breaking, after the Chinese typesetting rules (行首/行尾禁则)
/// and Unicode line-breaking classes, reduced to what a hall sign needs.
enum CharacterClass {
    /// Never at the start of a line: closing brackets and quotes, sentence and clause punctuation.
    static let closing: Set<Unicode.Scalar> = Set(
        "，。、；：？！）》」』】〕〗〙〛〉］｝”’…‥—～·%‰℃°,.;:?!)]}>".unicodeScalars)

    /// Never at the end of a line: opening brackets and quotes.
    static let opening: Set<Unicode.Scalar> = Set("（《「『【〔〖〘〚〈［｛“‘([{<".unicodeScalars)

    /// Inside a word or number when a word character follows: 0755-123, 08:20, 12,345, a/b, x@y.
    static let joiners: Set<Unicode.Scalar> = Set("-.:/@_+#&',".unicodeScalars)

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
