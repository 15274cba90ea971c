import ArgumentParser
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

/// Where lobbyctl is told to write, checked before anything is done: a missing directory is a
/// run-time failure (exit 1) that says "目录不存在", never a temporary file's name.
enum OutputPlace {
    /// The directory that would hold `file` exists, and `file` is not a directory.
    static func requireParent(of file: String) throws {
        if isDirectory(file) {
            Console.error("lobbyctl: \(Messages.Configuration.notAFile(file))")
            throw ExitCode(ExitStatus.failure)
        }
        try requireDirectory(URL(fileURLWithPath: file).deletingLastPathComponent().path)
    }

    static func requireDirectory(_ directory: String) throws {
        guard isDirectory(directory) else {
            Console.error("lobbyctl: \(Messages.Console.directoryMissing(directory))")
            throw ExitCode(ExitStatus.failure)
        }
    }

    /// Nothing but a directory, if anything, at `directory` (which may still be made).
    static func requireNoFile(at directory: String) throws {
        guard !FileManager.default.fileExists(atPath: directory) || isDirectory(directory) else {
            Console.error("lobbyctl: \(Messages.Configuration.notDirectory(directory))")
            throw ExitCode(ExitStatus.failure)
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
