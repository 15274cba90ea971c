import Foundation
import TOMLKit

/// Turns a TOML file into a root `TOMLTableReader`, mapping the parser's failures to
/// `LobbyCoreError` with file, line and column.
enum TOMLSource {
    /// Reads and parses `path`. Unreadable files and non-UTF-8 text are errors, never empty input.
    static func load(path: String) throws(LobbyCoreError) -> TOMLTableReader {
        try parse(text: try TextFile.read(path), file: path)
    }

    static func parse(text: String, file: String) throws(LobbyCoreError) -> TOMLTableReader {
        if let bad = TOMLHeaderGuard.firstProblem(in: text) {
            let found =
                bad.found.properties.isWhitespace || bad.found.value < 0x20
                ? "U+\(String(bad.found.value, radix: 16, uppercase: true))" : "'\(bad.found)'"
            let message =
                switch bad.problem {
                case .header:
                    "a table header must start with a key (letters A-Z, a-z, digits, _ or -, or a quoted key), found \(found)"
                case .bracket: "\(found) does not close the array or inline table open here"
                case .number:
                    "a value starting with \(found) must be a number, a date (2026-11-25), a date-time (2026-11-25T08:20:00) or a time (08:20:00); quote text"
                }
            throw .syntax(SourceLocation(file: file, line: bad.line, column: bad.column), message: message)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let begin = error.source.begin
            throw .syntax(
                SourceLocation(file: file, line: begin.line, column: begin.column), message: error.description)
        } catch {
            throw .syntax(SourceLocation(file: file), message: "\(error)")
        }
        let diagnostics = TOMLDiagnostics(file: file, keyLines: TOMLKeyLines(text: text))
        return TOMLTableReader(table: table, path: "", diagnostics: diagnostics)
    }
}

/// Whole-file reads with the operating system's reason on failure ("Permission denied"), which
/// is what a technician needs to fix it.
public enum TextFile {
    public static func read(_ path: String) throws(LobbyCoreError) -> String {
        guard let handle = fopen(path, "rb") else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            bytes.append(contentsOf: buffer[..<count])
            if count < buffer.count { break }
        }
        if ferror(handle) != 0 {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .unreadable(file: path, reason: "not valid UTF-8 text")
        }
        return text
    }
}
