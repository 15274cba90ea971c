/// Telling Chinese in printed text, as a reader does: a Chinese character or Chinese punctuation
/// (，。：（）、… in CJK Symbols and Punctuation and the full-width forms).
public enum ChineseText {
    public static func isChinese(_ character: Character) -> Bool {
        character.unicodeScalars.contains {
            $0.properties.isIdeographic || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
        }
    }
}
