import ArgumentParser
import Foundation
import LobbyCore
import LobbyRender

/// `lobbyctl render`: draws text exactly as the daemon would, to PBM/PNG files or the terminal,
/// so the content office can see line breaks and pages before publishing.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: Messages.Help.render.description)

    // Unconditional: a notice may begin with a dash (-5℃ 寒潮预警), which is still the text.
    @Option(parsing: .unconditional, help: Messages.Help.text.argument)
    var text: String

    @OptionGroup var configuration: ConfigurationOption

    @Option(help: Messages.Help.font.argument)
    var font: String?

    @Option(help: Messages.Help.size.argument)
    var size: Int?

    @Option(help: Messages.Help.width.argument)
    var width: Int?

    @Option(help: Messages.Help.height.argument)
    var height: Int?

    @Option(help: Messages.Help.color.argument, completion: .list(["red", "green", "amber"]))
    var color = "red"

    @Option(help: Messages.Help.align.argument, completion: .list(["left", "center", "right"]))
    var align = "left"

    @Option(help: Messages.Help.valign.argument, completion: .list(["top", "middle"]))
    var valign = "middle"

    @Option(help: Messages.Help.mode.argument, completion: .list(["page", "static", "scroll"]))
    var mode = "page"

    @Option(help: Messages.Help.renderFormat.argument, completion: .list(["pbm", "png", "term"]))
    var format = "term"

    @Option(help: Messages.Help.renderOut.argument)
    var out: String?

    /// Bounds on every number, the daemon's own (a preview of what it cannot show would mislead),
    /// checked before anything is drawn: exit 64 with the option named.
    func validate() throws {
        for (name, value, range) in [
            ("--width", width, Configuration.Panel.widths), ("--height", height, Configuration.Panel.heights),
            ("--size", size, Configuration.Font.pixelSizes),
        ] {
            guard let value, !range.contains(value) else { continue }
            throw ValidationError(
                Messages.Console.outOfRange(name, value, range.lowerBound, range.upperBound).description)
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
                "lobbyctl render: \(Messages.Console.removedInvisible(scalar.codePoint, at: typed[offset] + 1))"
            )
        }
        // What the daemon draws with, unless an option says otherwise (all four given: no
        // configuration is needed, and none is read).
        let given = font != nil && size != nil && width != nil && height != nil && configuration.config == nil
        let hall = given ? Configuration() : try configuration.load()
        if hall.panel.colors == .mono && style.color != .red {
            Console.error("lobbyctl render: \(Messages.Console.monoPanel("\(style.color)"))")
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
            Console.error("lobbyctl render: \(Messages.Console.noGlyph("\(missing)"))")
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
            Console.error("lobbyctl render: \(Messages.Console.needsOut(outputFormat.rawValue))")
            throw ExitCode(ExitStatus.usage)
        }
        var isDirectory: ObjCBool = false
        if out.hasSuffix("/")
            && !(FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) && isDirectory.boolValue)
        {
            Console.error("lobbyctl render: \(Messages.Console.outMissing(out))")
            throw ExitCode(ExitStatus.failure)
        }
        for (index, path) in PageFiles.paths(for: out, count: frames.count, extension: outputFormat.rawValue)
            .enumerated()
        {
            let bytes = outputFormat == .pbm ? frames[index].pbm() : frames[index].png()
            do {
                try AtomicFile.write(bytes, to: path)
            } catch {
                Console.error(
                    "lobbyctl render: \(Messages.Console.cannotWrite(path, Self.whyUnwritable(path) ?? "\(error)"))")
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
            return Messages.Console.directoryMissing(directory).description
        }
        guard isDirectory.boolValue else { return Messages.Configuration.notDirectory(directory).description }
        return access(directory, W_OK) == 0 ? nil : Messages.Console.cannotWriteIn(directory).description
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

/// Parses a named choice, or exits 64 (a wrong value on the command line) listing the allowed names.
func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ option: String, _ allowed: [T]) throws -> T
where T.RawValue == String {
    if let value = allowed.first(where: { $0.rawValue == text }) { return value }
    Console.error(
        "lobbyctl: \(Messages.Console.expectedOneOf(option, text, allowed.map(\.rawValue).joined(separator: ", ")))")
    throw ExitCode(ExitStatus.usage)
}

/// `DotColor` is named by `description` (`red`), not by its wire value.
func choice(_ text: String, _ option: String, _ allowed: [DotColor]) throws -> DotColor {
    if let value = allowed.first(where: { $0.description == text }) { return value }
    Console.error(
        "lobbyctl: \(Messages.Console.expectedOneOf(option, text, allowed.map(\.description).joined(separator: ", ")))")
    throw ExitCode(ExitStatus.usage)
}
