import Foundation

/// Messages for the person at the terminal: results on stdout, problems and notes on stderr, so
/// scripts can pipe the results.
enum Console {
    static func error(_ message: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data("\(message)\(terminator)".utf8))
    }

    /// Text from the daemon or the spool (file names, reasons, notes) made safe for a terminal:
    /// control characters, escape sequences among them, become visible `\u{1B}`, and a newline
    /// `\n`, so a file name cannot clear the screen or forge a line.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
            || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}

/// `--json` output: one JSON object per line, keys sorted, for scripts.
enum JSONLine {
    static func text(_ object: [String: Any]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
