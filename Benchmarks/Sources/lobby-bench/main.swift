import Foundation

/// `lobby-bench PYTHON`: every benchmark, each printing its figures and its ratio against a
/// reference measured in the same run (these machines are noisy; absolute numbers drift).
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: lobby-bench PYTHON-WITH-PILLOW LOBBYD-BIN-DIR\n".utf8))
    exit(64)
}
do {
    try RenderBenchmark.run(python: arguments[1])
    print()
    let playlists = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("playlists").path
    try WireBenchmark.run(playlists: playlists)
    print()
    let repo = URL(fileURLWithPath: playlists).deletingLastPathComponent().path
    try LatencyBenchmark.run(bin: arguments[2], repo: repo)
    print()
    try StoreBenchmark.run(repo: repo)
} catch {
    FileHandle.standardError.write(Data("lobby-bench: \(error)\n".utf8))
    exit(1)
}
