/// Collects every problem found while reading one file, so that a person sees all of them at once
/// instead of fixing one error per run.
final class TOMLDiagnostics {
    let file: String
    let keyLines: TOMLKeyLines
    private(set) var problems: [LobbyCoreError] = []

    init(file: String, keyLines: TOMLKeyLines) {
        self.file = file
        self.keyLines = keyLines
    }

    func location(of path: String) -> SourceLocation {
        SourceLocation(file: file, line: keyLines.line(for: path))
    }

    func report(_ problem: LobbyCoreError) {
        problems.append(problem)
    }

    /// Throws every collected problem, ordered by line, or returns when there were none.
    func throwIfAny() throws(LobbyCoreError) {
        guard !problems.isEmpty else { return }
        let ordered = problems.enumerated().sorted { lhs, rhs in
            let left = lhs.element.line ?? .max
            let right = rhs.element.line ?? .max
            return left == right ? lhs.offset < rhs.offset : left < right
        }
        throw ordered.count == 1 ? ordered[0].element : .several(ordered.map(\.element))
    }
}

/// Reads one TOML table field by field. Every accessor records the key as known to the schema,
/// reports a wrong type instead of returning it, and `finish()` reports the keys nobody asked
/// for, so typos never fall back silently to a default.
final class TOMLTableReader {
    /// Dotted path of this table, `""` for the document root.
    let path: String
    let diagnostics: TOMLDiagnostics
    private let table: TOMLTable
    private var known: Set<String> = []

    init(table: TOMLTable, path: String, diagnostics: TOMLDiagnostics) {
        self.table = table
        self.path = path
        self.diagnostics = diagnostics
    }

    func keyPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    func location(of key: String) -> SourceLocation {
        diagnostics.location(of: keyPath(key))
    }

    func string(_ key: String) -> String? {
        typed(key, expected: Messages.Expect.string) { $0.string }
    }

    func integer(_ key: String) -> Int? {
        typed(key, expected: Messages.Expect.integer) { $0.integer }
    }

    func boolean(_ key: String) -> Bool? {
        typed(key, expected: Messages.Expect.boolean) { $0.boolean }
    }

    func date(_ key: String) -> TOMLDate? {
        typed(key, expected: Messages.Expect.date) { $0.date }
    }

    func strings(_ key: String) -> [String]? {
        typed(key, expected: Messages.Expect.strings) { value in
            guard let array = value.array else { return nil }
            let strings = array.compactMap { $0.string }
            return strings.count == array.count ? strings : nil
        }
    }

    func dates(_ key: String) -> [TOMLDate]? {
        typed(key, expected: Messages.Expect.dates) { value in
            guard let array = value.array else { return nil }
            let dates = array.compactMap { $0.date }
            return dates.count == array.count ? dates : nil
        }
    }

    func table(_ key: String) -> TOMLTableReader? {
        typed(key, expected: Messages.Expect.table) { value in
            value.table.map { TOMLTableReader(table: $0, path: keyPath(key), diagnostics: diagnostics) }
        }
    }

    /// An array of tables (`[[key]]`), each read with its index in the path: `items[2]`.
    func tables(_ key: String) -> [TOMLTableReader]? {
        typed(key, expected: Messages.Expect.tables(key)) { value in
            guard let array = value.array else { return nil }
            let tables = array.compactMap { $0.table }
            guard tables.count == array.count else { return nil }
            return tables.enumerated().map { index, table in
                TOMLTableReader(table: table, path: "\(keyPath(key))[\(index)]", diagnostics: diagnostics)
            }
        }
    }

    /// Reports a value of the right type that is not allowed.
    func invalid(_ key: String, value: String, expected: Localized) {
        diagnostics.report(
            .invalidValue(location(of: key), key: keyPath(key), value: value, expected: expected.description))
    }

    func contains(_ key: String) -> Bool {
        known.insert(key)
        return table[key] != nil
    }

    /// Reads a required key with `read`, reporting it as missing when absent (a present value of
    /// the wrong type is reported once, by `read`).
    func require<T>(_ key: String, _ read: (String) -> T?) -> T? {
        guard contains(key) else {
            missing(key)
            return nil
        }
        return read(key)
    }

    func missing(_ key: String) {
        diagnostics.report(.missingKey(location(of: key), key: keyPath(key)))
    }

    /// Reports every key in this table that no accessor asked for.
    func finish() {
        for key in table.keys.sorted() where !known.contains(key) {
            diagnostics.report(
                .unknownKey(
                    location(of: key), key: keyPath(key),
                    suggestion: known.closest(to: key)))
        }
    }

    func typed<T>(_ key: String, expected: Localized, _ convert: (TOMLValue) -> T?) -> T? {
        known.insert(key)
        guard let value = table[key] else { return nil }
        if let converted = convert(value) { return converted }
        diagnostics.report(
            .wrongType(
                location(of: key), key: keyPath(key), found: value.typeName.description, expected: expected.description)
        )
        return nil
    }
}

extension LobbyCoreError {
    /// The line this problem points at, if any; used to order a report.
    var line: Int? {
        switch self {
        case .syntax(let location, _), .unknownKey(let location, _, _), .missingKey(let location, _),
            .wrongType(let location, _, _, _), .invalidValue(let location, _, _, _), .outdated(let location, _):
            location.line
        case .unreadable, .unwritable, .several:
            nil
        }
    }
}

extension Set<String> {
    /// The member closest to `word` by edit distance, when close enough to be a likely typo.
    func closest(to word: String) -> String? {
        let scored = map { ($0, $0.editDistance(to: word)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 < $1.1 }?.0
    }
}

extension String {
    /// Levenshtein distance, for "did you mean" hints.
    func editDistance(to other: String) -> Int {
        let source = Array(self)
        let target = Array(other)
        var previous = Array(0...target.count)
        for (i, sourceCharacter) in source.enumerated() {
            var current = [i + 1]
            for (j, targetCharacter) in target.enumerated() {
                let substitution = previous[j] + (sourceCharacter == targetCharacter ? 0 : 1)
                current.append(Swift.min(substitution, previous[j + 1] + 1, current[j] + 1))
            }
            previous = current
        }
        return previous[target.count]
    }
}
