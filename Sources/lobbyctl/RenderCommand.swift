import ArgumentParser
import Foundation
import LobbyCore
import LobbyRender

/// `lobbyctl render`: draws text exactly as the daemon would, to PBM/PNG files or the terminal,
/// so the content office can see line breaks and pages before publishing.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render text as the panel would show it: one PBM/PNG file per page, or the terminal.")

    // Unconditional: a notice may begin with a dash (-5℃ 寒潮预警), which is still the text.
    @Option(parsing: .unconditional, help: "The text to render; \\n in the text forces a line break.")
    var text: String

    @OptionGroup var configuration: ConfigurationOption

    @Option(help: "Font file (any format FreeType opens); default: the configuration's [font] path.")
    var font: String?

    @Option(help: "Font size in pixels, 6 to 128; default: the configuration's [font] size.")
    var size: Int?

    @Option(help: "Panel width in dots, 8 to 2048; default: the configuration's [panel] width.")
    var width: Int?

    @Option(help: "Panel height in dots, 7 to 512; default: the configuration's [panel] height.")
    var height: Int?

    @Option(help: "red, green or amber.")
    var color = "red"

    @Option(help: "left, center or right.")
    var align = "left"

    @Option(help: "top or middle (the daemon's default is middle).")
    var valign = "middle"

    @Option(help: "page, static or scroll.")
    var mode = "page"

    @Option(help: "pbm, png or term.")
    var format = "term"

    @Option(help: "Output: FILE (NAME.EXT gives NAME-1.EXT, NAME-2.EXT, …) or an existing DIR (page-1.EXT, …).")
    var out: String?

    /// Bounds on every number, the daemon's own (a preview of what it cannot show would mislead),
    /// checked before anything is drawn: exit 64 with the option named.
    func validate() throws {
        for (name, value, range) in [
            ("--width", width, Configuration.Panel.widths), ("--height", height, Configuration.Panel.heights),
            ("--size", size, Configuration.Font.pixelSizes),
        ] {
            guard let value, !range.contains(value) else { continue }
            throw ValidationError("\(name) \(value): expected \(range.lowerBound) to \(range.upperBound)")
        }
    }

    func run() throws {
        let style = TextStyle(
            color: try choice(color, "--color", DotColor.allCases.filter { $0 != .off }),
            alignment: try choice(align, "--align", TextStyle.Alignment.allCases),
            verticalAlignment: try choice(valign, "--valign", TextStyle.VerticalAlignment.allCases))
        let layout: LayoutMode = try choice(mode, "--mode", LayoutMode.allCases)
        let outputFormat: OutputFormat = try choice(format, "--format", OutputFormat.allCases)
        let (original, typed) = Self.unescapingNewlines(text)
        let (text, invisible) = TextRenderer.removingInvisibles(original)
        for (scalar, offset) in invisible {
            Console.error(
                "lobbyctl render: warning: removed the invisible character U+\(String(format: "%04X", scalar.value)) at character \(typed[offset] + 1)"
            )
        }
        // What the daemon draws with, unless an option says otherwise (all four given: no
        // configuration is needed, and none is read).
        let given = font != nil && size != nil && width != nil && height != nil && configuration.config == nil
        let hall = given ? Configuration() : try configuration.load()
        if hall.panel.colors == .mono && style.color != .red {
            Console.error(
                "lobbyctl render: --color \(style.color): the panel is mono (red only); [panel] colors = \"tricolor\" shows green and amber"
            )
            throw ExitCode(ExitStatus.invalidInput)
        }
        let frames: [Frame]
        let renderer: TextRenderer
        do {
            renderer = try TextRenderer(
                font: FontFace(path: font ?? hall.font.path, pixelSize: size ?? hall.font.pixelSize),
                width: width ?? hall.panel.width, height: height ?? hall.panel.height)
            // Scrolling text as the sign shows it: panel-wide windows cut between characters.
            frames =
                layout == .scroll
                ? try renderer.scrollPages(text, style: style) : try renderer.render(text, style: style, mode: layout)
        } catch {
            Console.error("lobbyctl render: \(error)")
            // --size and --height that cannot go together are misused options, like one out of range.
            if case .lineTallerThanPanel = error { throw ExitCode(ExitStatus.usage) }
            throw ExitCode(ExitStatus.invalidInput)
        }
        // Positions counted in the text as given, like the warnings above.
        let removed = Set(invisible.map(\.1))
        for var missing in renderer.coverage(original) where !removed.contains(missing.offset) {
            missing.offset = typed[missing.offset]
            Console.error("lobbyctl render: warning: the font has no glyph for \(missing); drawn as a box")
        }
        try write(frames, as: outputFormat)
    }

    /// `text` with each `\\n` (backslash, n) as a line end, and for each character of the result
    /// its position in `text` as typed, so that warnings point where the person typed.
    static func unescapingNewlines(_ text: String) -> (String, [Int]) {
        var result = String.UnicodeScalarView()
        var typed: [Int] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            typed.append(index)
            if scalars[index] == "\\", index + 1 < scalars.count, scalars[index + 1] == "n" {
                result.append("\n")
                index += 2
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return (String(result), typed)
    }

    private func write(_ frames: [Frame], as outputFormat: OutputFormat) throws {
        if outputFormat == .term {
            let colors = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            print(frames.map { $0.terminalPreview(colors: colors) }.joined(separator: "\n"), terminator: "")
            return
        }
        guard let out, !out.isEmpty else {
            Console.error("lobbyctl render: --format \(outputFormat.rawValue) needs --out FILE or DIR")
            throw ExitCode(ExitStatus.usage)
        }
        var isDirectory: ObjCBool = false
        if out.hasSuffix("/")
            && !(FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) && isDirectory.boolValue)
        {
            Console.error("lobbyctl render: --out \(out): no such directory")
            throw ExitCode(ExitStatus.failure)
        }
        for (index, path) in PageFiles.paths(for: out, count: frames.count, extension: outputFormat.rawValue)
            .enumerated()
        {
            let bytes = outputFormat == .pbm ? frames[index].pbm() : frames[index].png()
            do {
                try AtomicFile.write(bytes, to: path)
            } catch {
                Console.error("lobbyctl render: cannot write \(path): \(Self.whyUnwritable(path) ?? "\(error)")")
                throw ExitCode(ExitStatus.failure)
            }
            print(path)
        }
    }
}

extension RenderCommand {
    /// The plain reason `path` cannot be written, when it is its directory's fault.
    static func whyUnwritable(_ path: String) -> String? {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return "the directory \(directory) does not exist"
        }
        guard isDirectory.boolValue else { return "\(directory) is not a directory" }
        return access(directory, W_OK) == 0 ? nil : "no permission to write in \(directory)"
    }
}

enum OutputFormat: String, CaseIterable {
    case pbm, png, term
}

/// Where page files go: `NAME-1.EXT` beside a named file, or `page-1.EXT` in a directory.
enum PageFiles {
    static func paths(for out: String, count: Int, extension fileExtension: String) -> [String] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue {
            let directory = out.hasSuffix("/") ? String(out.dropLast()) : out
            return (1...count).map { "\(directory)/page-\($0).\(fileExtension)" }
        }
        let url = URL(fileURLWithPath: out)
        let stem = url.deletingPathExtension().path
        return (1...count).map { "\(stem)-\($0).\(fileExtension)" }
    }
}

/// Parses a named choice, or exits 2 listing the allowed names.
func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ option: String, _ allowed: [T]) throws -> T
where T.RawValue == String {
    if let value = allowed.first(where: { $0.rawValue == text }) { return value }
    Console.error("lobbyctl: \(option) \(text): expected one of \(allowed.map(\.rawValue).joined(separator: ", "))")
    throw ExitCode(ExitStatus.invalidInput)
}

/// `DotColor` is named by `description` (`red`), not by its wire value.
func choice(_ text: String, _ option: String, _ allowed: [DotColor]) throws -> DotColor {
    if let value = allowed.first(where: { $0.description == text }) { return value }
    Console.error("lobbyctl: \(option) \(text): expected one of \(allowed.map(\.description).joined(separator: ", "))")
    throw ExitCode(ExitStatus.invalidInput)
}
