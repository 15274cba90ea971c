import Foundation

/// Runs one of the package's executables (`lobbyd`, `lobbyctl`, `lobby-sim`) as a real process,
/// from the build directory that holds the running test bundle.
public struct BuiltProgram: Sendable {
    /// What a finished run left behind.
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    public let path: String

    public init(_ name: String) {
        let testBundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        path = testBundle.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// This process's environment without the locale (a test says which language it expects:
    /// `LANG` here or `--lang`; otherwise `[site] language`, Chinese), plus `extra`.
    public static func environment(_ extra: [String: String]) -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !["LANG", "LC_ALL", "LC_MESSAGES"].contains($0.key) }
            .merging(extra) { $1 }
    }

    /// A program outside the build, such as `/usr/bin/setpriv`.
    public init(path: String) {
        self.path = path
    }

    /// Runs to completion with `arguments`. Output goes to files rather than pipes, so a chatty
    /// program can never block on a full pipe while the test waits for it.
    public func run(_ arguments: [String], environment: [String: String] = [:], standardInput: String? = nil) throws
        -> Result
    {
        let scratch = try TemporaryDirectory()
        let outputPath = try scratch.write("stdout", "")
        let errorPath = try scratch.write("stderr", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = Self.environment(environment)
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        if let standardInput {
            process.standardInput = FileHandle(forReadingAtPath: try scratch.write("stdin", standardInput))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: try String(contentsOfFile: outputPath, encoding: .utf8),
            standardError: try String(contentsOfFile: errorPath, encoding: .utf8))
    }
}
