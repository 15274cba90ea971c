import Foundation

/// `lobby-bench PYTHON BIN [NAME…]`: every benchmark (or only the named ones: render, wire,
/// latency, daemon, sign, store), each printing its figures and its ratio against a reference
/// measured in the same run (these machines are noisy; absolute numbers drift).
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: lobby-bench PYTHON-WITH-PILLOW LOBBYD-BIN-DIR [NAME…]\n".utf8))
    exit(64)
}
let only = Set(arguments.dropFirst(3))
let playlists = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("playlists").path
let repo = URL(fileURLWithPath: playlists).deletingLastPathComponent().path
let benchmarks: [(String, () throws -> Void)] = [
    ("render", { try RenderBenchmark.run(python: arguments[1]) }),
    (
        "wire",
        {
            try WireBenchmark.run(playlists: playlists)
            print()
            try RecordedWireBenchmark.run(bin: arguments[2], playlists: playlists)
        }
    ),
    ("latency", { try LatencyBenchmark.run(bin: arguments[2], repo: repo) }),
    ("daemon", { try DaemonBenchmark.run(bin: arguments[2], repo: repo) }),
    ("sign", { try SignOnBenchmark.run(bin: arguments[2], repo: repo) }),
    ("store", { try StoreBenchmark.run(bin: arguments[2], repo: repo) }),
]
do {
    for (name, run) in benchmarks where only.isEmpty || only.contains(name) {
        try run()
        print()
    }
} catch {
    FileHandle.standardError.write(Data("lobby-bench: \(error)\n".utf8))
    exit(1)
}
