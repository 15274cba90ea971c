/// Maps every key path of a TOML text to the line that defines it, so that errors found after
/// parsing (wrong type, bad value, unknown key) can still name a line.
///
/// The TOML parser reports positions only for syntax errors, so this is a light second scan of
/// the text. Paths use the spelling of `TOMLTableReader`: `serial.baud`, `items[2].text`.
/// Keys inside inline tables and array elements resolve to the line of their enclosing key.
struct TOMLKeyLines: Sendable {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table: [String] = []
        var arrayCounts: [String: Int] = [:]
        var insideMultilineString = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Substring(rawLine)
            let delimiterCount = line.ranges(of: "\"\"\"").count + line.ranges(of: "'''").count
            defer { if delimiterCount % 2 == 1 { insideMultilineString.toggle() } }
            if insideMultilineString { continue }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[[") {
                guard let keys = Self.keys(in: trimmed.dropFirst(2), until: "]") else { continue }
                table = Self.resolve(keys, arrayCounts: &arrayCounts, appending: true)
                lines[table.joined(separator: "."), default: index + 1] = index + 1
            } else if trimmed.hasPrefix("[") {
                guard let keys = Self.keys(in: trimmed.dropFirst(), until: "]") else { continue }
                table = Self.resolve(keys, arrayCounts: &arrayCounts, appending: false)
                lines[table.joined(separator: "."), default: index + 1] = index + 1
            } else if let keys = Self.keys(in: trimmed, until: "=") {
                lines[(table + keys).joined(separator: "."), default: index + 1] = index + 1
            }
        }
    }

    /// The line defining `path`, or the nearest enclosing key or table that has one.
    func line(for path: String) -> Int? {
        var path = Substring(path)
        while !path.isEmpty {
            if let line = lines[String(path)] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = path[..<cut]
        }
        return nil
    }

    /// Resolves a header's dotted keys against the arrays of tables seen so far: in `[items.x]`,
    /// `items` means the most recent `[[items]]` element.
    private static func resolve(
        _ keys: [String], arrayCounts: inout [String: Int], appending: Bool
    ) -> [String] {
        var resolved: [String] = []
        for (position, key) in keys.enumerated() {
            let plain = (resolved + [key]).joined(separator: ".")
            if appending && position == keys.count - 1 {
                let index = arrayCounts[plain, default: 0]
                arrayCounts[plain] = index + 1
                resolved.append("\(key)[\(index)]")
            } else if let count = arrayCounts[plain] {
                resolved.append("\(key)[\(count - 1)]")
            } else {
                resolved.append(key)
            }
        }
        return resolved
    }

    /// Parses `a."b c".d` up to `terminator`; `nil` when the text is not a key followed by it.
    private static func keys(in text: Substring, until terminator: Character) -> [String]? {
        var keys: [String] = []
        var rest = text
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let first = rest.first else { return nil }
            if first == "\"" || first == "'" {
                guard let close = rest.dropFirst().firstIndex(of: first) else { return nil }
                keys.append(String(rest[rest.index(after: rest.startIndex)..<close]))
                rest = rest[rest.index(after: close)...]
            } else {
                let bare = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                guard !bare.isEmpty else { return nil }
                keys.append(String(bare))
                rest = rest.dropFirst(bare.count)
            }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let next = rest.first else { return nil }
            if next == terminator { return keys }
            guard next == "." else { return nil }
            rest = rest.dropFirst()
        }
    }
}
