import Foundation
import LobbyRender

/// Issue 5's figure: one 192×32 page holding 24 CJK characters with a warm glyph cache, against
/// Pillow's ImageDraw.text on the same font, size and text in 1-bit mode. Target: ≥ 10× faster.
enum RenderBenchmark {
    static let text = "欢迎来到市政务服务中心请按叫号顺序到窗口办理业务"
    static let font = "/usr/share/fonts/opentype/unifont/unifont.otf"

    static func run(python: String) throws {
        precondition(text.count == 24)
        let renderer = try TextRenderer(font: FontFace(path: font, pixelSize: 16), width: 192, height: 32)
        let pages = try renderer.render(text)
        precondition(pages.count == 1, "the benchmark text must fill exactly one page")
        let ours = try Stopwatch.microsecondsPerCall(iterations: 20_000) { _ = try renderer.render(text) }
        let pillowText = renderer.lines(text, style: TextStyle()).map(\.text).joined(separator: "\n")
        let pillow = try pillowMicroseconds(python: python, text: pillowText)
        let cache = renderer.font.cacheStatistics
        print("render: 192x32 page, 24 CJK characters, Unifont 16 px, warm glyph cache")
        print(String(format: "  lobbyd   %9.2f µs/page", ours))
        print(String(format: "  Pillow   %9.2f µs/page (ImageDraw.text, mode \"1\", same run)", pillow))
        print(
            String(
                format: "  ratio    %9.1f× faster than Pillow (target ≥ 10×: %@)", pillow / ours,
                pillow / ours >= 10 ? "met" : "NOT met"))
        print(
            "  glyph cache: \(cache.entries) glyphs, \(cache.bitmapBytes) bitmap bytes, capacity \(4096) glyphs;"
                + " \(cache.misses) rasterizations for \(cache.hits + cache.misses) lookups")
        print(String(format: "  peak RSS %9.1f MiB", Stopwatch.peakResidentMiB()))
    }

    /// Runs `pillow_render.py` and reads its median µs per page.
    private static func pillowMicroseconds(python: String, text: String) throws -> Double {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("pillow_render.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, font, "16", "192", "32", text, "2000"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let value = Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            throw BenchmarkError.referenceFailed("\(python) \(script) exited \(process.terminationStatus)")
        }
        return value
    }
}

enum BenchmarkError: Error, CustomStringConvertible {
    case referenceFailed(String)

    var description: String {
        switch self {
        case .referenceFailed(let what): "reference measurement failed: \(what)"
        }
    }
}
