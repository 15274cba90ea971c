/// A TOML 1.0 date, time or value as `TOMLParser` produces it.
///
/// Tables and arrays are classes because the parser extends them in place as headers and dotted
/// keys arrive; once `TOMLParser.parse` returns, nothing changes them.
public struct TOMLDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
}

public struct TOMLTime: Sendable, Hashable {
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int
}

public enum TOMLValue {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// `1979-05-27T07:32:00+08:00`; the offset in minutes east of UTC (`Z` is 0).
    case offsetDateTime(TOMLDate, TOMLTime, offsetMinutes: Int)
    case localDateTime(TOMLDate, TOMLTime)
    case localDate(TOMLDate)
    case localTime(TOMLTime)
    case array(TOMLArray)
    case table(TOMLTable)

    /// The type's name as a person reads it in "expected …, found …".
    public var typeName: Localized {
        switch self {
        case .string: Messages.Expect.string
        case .integer: Messages.Expect.integer
        case .float: Messages.Expect.float
        case .boolean: Messages.Expect.boolean
        case .offsetDateTime, .localDateTime: Messages.Expect.dateTime
        case .localDate: Messages.Expect.date
        case .localTime: Messages.Expect.time
        case .array(let array):
            array.elements.allSatisfy(\.isTable) && !array.elements.isEmpty
                ? Messages.Expect.arrayOfTables : Messages.Expect.array
        case .table: Messages.Expect.table
        }
    }

    public var string: String? {
        if case .string(let value) = self { value } else { nil }
    }

    public var integer: Int? {
        if case .integer(let value) = self { value } else { nil }
    }

    public var boolean: Bool? {
        if case .boolean(let value) = self { value } else { nil }
    }

    public var date: TOMLDate? {
        if case .localDate(let value) = self { value } else { nil }
    }

    public var array: [TOMLValue]? {
        if case .array(let value) = self { value.elements } else { nil }
    }

    public var table: TOMLTable? {
        if case .table(let value) = self { value } else { nil }
    }

    var isTable: Bool { table != nil }
}

/// A table: its keys in the order they were defined.
public final class TOMLTable {
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]

    /// How the table came to be, which decides what may still extend it (TOML 1.0 "Table").
    enum Origin {
        /// Created as the parent of a header's last key (`b` in `[a.b.c]`): a later header may
        /// still declare it.
        case implicit
        /// Declared by a header, or by dotted keys in a section now closed: declared for good.
        case declared
        /// Created by dotted keys in the current section; declared when the next header comes.
        case dotted
        /// An inline table: nothing may add to it, however it is reached.
        case inline
    }

    var origin: Origin

    init(origin: Origin) {
        self.origin = origin
    }

    public subscript(key: String) -> TOMLValue? {
        values[key]
    }

    func set(_ key: String, _ value: TOMLValue) {
        if values.updateValue(value, forKey: key) == nil { keys.append(key) }
    }
}

/// An array. `ofTables` marks one built by `[[headers]]`, the only kind a header may extend.
public final class TOMLArray {
    public private(set) var elements: [TOMLValue]
    let ofTables: Bool

    init(elements: [TOMLValue], ofTables: Bool) {
        self.elements = elements
        self.ofTables = ofTables
    }

    func append(_ value: TOMLValue) {
        elements.append(value)
    }
}
