/// Where in a file something was found: `file:line:column`, as compilers and editors expect.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; `nil` when the position is not known (for example a key that is absent).
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        switch (line, column) {
        case (let line?, let column?): "\(file):\(line):\(column)"
        case (let line?, nil): "\(file):\(line)"
        default: file
        }
    }
}

/// Every error `LobbyCore` reports. Each case names the file and place, the key, the value found
/// and what was expected, so that the person reading it can fix the input without the source.
public enum LobbyCoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read at all.
    case unreadable(file: String, reason: String)
    /// A file could not be written (spool, signature, key).
    case unwritable(file: String, reason: String)
    /// The text is not valid TOML.
    case syntax(SourceLocation, message: String)
    /// A key that the schema does not know; usually a typo that must not fall back to a default.
    case unknownKey(SourceLocation, key: String, suggestion: String?)
    /// A required key is absent.
    case missingKey(SourceLocation, key: String)
    /// The key holds a TOML value of the wrong type.
    case wrongType(SourceLocation, key: String, found: String, expected: String)
    /// The key has the right type but a value that is not allowed.
    case invalidValue(SourceLocation, key: String, value: String, expected: String)
    /// Several problems found in one pass, in file order.
    case several([LobbyCoreError])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read: \(reason)"
        case .unwritable(let file, let reason):
            return "\(file): cannot write: \(reason)"
        case .syntax(let location, let message):
            return "\(location): TOML syntax error: \(message)"
        case .unknownKey(let location, let key, let suggestion):
            let hint = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
            return "\(location): unknown key \"\(key)\"\(hint)"
        case .missingKey(let location, let key):
            return "\(location): missing required key \"\(key)\""
        case .wrongType(let location, let key, let found, let expected):
            return "\(location): \(key): expected \(expected), found \(found)"
        case .invalidValue(let location, let key, let value, let expected):
            return "\(location): \(key) = \(value): expected \(expected)"
        case .several(let errors):
            return errors.map(\.description).joined(separator: "\n")
        }
    }

    /// The individual problems, flattening `.several`.
    public var problems: [LobbyCoreError] {
        if case .several(let errors) = self { return errors.flatMap(\.problems) }
        return [self]
    }
}
