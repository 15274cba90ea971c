/// Text from someone else (file names, notes, reasons) made safe to print on one line of a
/// journal or a terminal: control characters, escape sequences among them, become visible
/// escapes (`\n`, `\u{1B}`), so they can neither forge a line nor drive a terminal.
public enum VisibleText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 controls but the tab, DEL and C1 controls, and the Unicode line and paragraph separators.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
            || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}

extension Unicode.Scalar {
    /// The character's code point as Unicode writes it, `U+200B`, `U+20000`: how a message names
    /// a character a reader cannot see or the font cannot draw.
    public var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
