import Foundation

/// Turns a TOML file into a root `TOMLTableReader`, mapping the parser's failures to
/// `LobbyCoreError` with file, line and column.
enum TOMLSource {
    /// Reads and parses `path`. Unreadable files and non-UTF-8 text are errors, never empty input.
    static func load(path: String) throws(LobbyCoreError) -> TOMLTableReader {
        try parse(text: try TextFile.read(path), file: path)
    }

    static func parse(text: String, file: String) throws(LobbyCoreError) -> TOMLTableReader {
        let table: TOMLTable
        do {
            table = try TOMLParser.parse(text)
        } catch {
            throw .syntax(SourceLocation(file: file, line: error.line, column: error.column), message: error.message)
        }
        let diagnostics = TOMLDiagnostics(file: file, keyLines: TOMLKeyLines(text: text))
        return TOMLTableReader(table: table, path: "", diagnostics: diagnostics)
    }
}

/// Whole-file reads with the operating system's reason on failure ("Permission denied"), which
/// is what a technician needs to fix it.
public enum TextFile {
    /// The whole file as UTF-8 text: a regular file of at most `limit` bytes.
    public static func read(_ path: String, limit: Int = 16 << 20, links: BoundedFile.Links = .follow)
        throws(LobbyCoreError) -> String
    {
        guard let text = String(validating: try AtomicFile.read(path, limit: limit, links: links), as: UTF8.self) else {
            throw .unreadable(file: path, reason: Messages.System.notUTF8.description)
        }
        return text
    }
}
