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
    /// A file of an earlier release, with what to do instead.
    case outdated(SourceLocation, message: String)
    /// Several problems found in one pass, in file order.
    case several([LobbyCoreError])

    /// In the process's language (`Language.current`); `expected` and `found` were worded in it
    /// when the error was made.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return Messages.Reading.cannotRead(file, reason).description
        case .unwritable(let file, let reason):
            return Messages.Reading.cannotWrite(file, reason).description
        case .syntax(let location, let message):
            return Messages.Reading.syntax(location, message).description
        case .unknownKey(let location, let key, let suggestion):
            return Messages.Reading.unknownKey(location, key, suggestion).description
        case .missingKey(let location, let key):
            return Messages.Reading.missingKey(location, key).description
        case .wrongType(let location, let key, let found, let expected):
            return Messages.Reading.wrongType(location, key, found: found, expected: expected).description
        case .invalidValue(let location, let key, let value, let expected):
            return Messages.Reading.invalidValue(location, key, value, expected: expected).description
        case .outdated(let location, let message):
            return "\(location): \(message)"
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
