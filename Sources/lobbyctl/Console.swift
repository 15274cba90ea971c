import Foundation
import LobbyCore

/// Messages for the person at the terminal: results on stdout, problems and notes on stderr, so
/// scripts can pipe the results.
enum Console {
    static func error(_ message: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data("\(message)\(terminator)".utf8))
    }

    /// Text from the daemon or the spool (file names, reasons, notes) made safe for a terminal.
    static func visible(_ text: String) -> String { VisibleText.escaped(text) }
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
