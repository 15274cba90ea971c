import Foundation

/// Messages for the person at the terminal: results on stdout, problems and notes on stderr, so
/// scripts can pipe the results.
enum Console {
    static func error(_ message: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data("\(message)\(terminator)".utf8))
    }
}
