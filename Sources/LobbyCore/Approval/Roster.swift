/// `people.toml`, the hall's roster of who may sign which step (审批人员名册): each entry names a
/// person, one of their keys, the roles they hold with that key and over which days, the
/// sections they draft for (拟稿) and the categories they are responsible for (分管领导审核).
/// Written by the technician from the office's appointment list; see `playlists/FORMAT.md`.
public struct Roster: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var keyID: String
        public var roles: Set<ApprovalRole>
        /// 拟稿: the sections this person drafts for.
        public var sections: [String]
        /// 审核: the categories this deputy is responsible for.
        public var categories: [String]
        /// The roles are held from this day (inclusive); `nil`: always.
        public var from: LocalDate?
        /// … to this day (inclusive); `nil`: no end.
        public var until: LocalDate?

        public init(
            name: String, keyID: String, roles: Set<ApprovalRole>, sections: [String] = [], categories: [String] = [],
            from: LocalDate? = nil, until: LocalDate? = nil
        ) {
            self.name = name
            self.keyID = keyID
            self.roles = roles
            self.sections = sections
            self.categories = categories
            self.from = from
            self.until = until
        }

        /// Whether the entry gives `role` on `date`.
        public func holds(_ role: ApprovalRole, on date: LocalDate) -> Bool {
            roles.contains(role) && (from.map { $0 <= date } ?? true) && (until.map { date <= $0 } ?? true)
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// The entries made for `keyID`, in file order.
    public func entries(for keyID: String) -> [Entry] {
        entries.filter { $0.keyID == keyID }
    }

    /// The entry that lets `keyID` sign as `role` on `date`, if any.
    public func entry(for keyID: String, as role: ApprovalRole, on date: LocalDate) -> Entry? {
        entries.first { $0.keyID == keyID && $0.holds(role, on: date) }
    }

    /// Reads `path`; each problem is reported with its line. One key is one person: a key listed
    /// under two names is refused (it would let one person sign two steps).
    public static func load(path: String) throws(LobbyCoreError) -> Roster {
        let root = try TOMLSource.load(path: path)
        let tables = root.tables("person") ?? []
        var entries: [Entry] = []
        for table in tables {
            guard let entry = readEntry(table) else { continue }
            if let other = entries.first(where: {
                $0.keyID == entry.keyID && TextFolding.folded($0.name) != TextFolding.folded(entry.name)
            }) {
                table.invalid("key_id", value: "\"\(entry.keyID)\"", expected: Messages.Approval.keyOfOther(other.name))
                continue
            }
            entries.append(entry)
        }
        root.finish()
        try root.diagnostics.throwIfAny()
        return Roster(entries: entries)
    }

    private static func readEntry(_ table: TOMLTableReader) -> Entry? {
        defer { table.finish() }
        let name = table.require("name", table.string)
        if let name, TextFolding.folded(name).isEmpty {
            table.invalid("name", value: "\"\(name)\"", expected: Messages.Approval.personName)
        }
        let keyID = table.require("key_id", table.string)
        if let keyID, !TrustedKey.isKeyID(keyID) {
            table.invalid("key_id", value: "\"\(keyID)\"", expected: Messages.Approval.keyID)
        }
        var roles: Set<ApprovalRole> = []
        let words = table.require("roles", table.strings)
        if words?.isEmpty == true { table.invalid("roles", value: "[]", expected: Messages.Approval.roles) }
        for word in words ?? [] {
            guard let role = ApprovalRole(spelled: word) else {
                table.invalid("roles", value: "\"\(word)\"", expected: Messages.Approval.roles)
                continue
            }
            roles.insert(role)
        }
        let sections = (table.strings("sections") ?? []).filter { !TextFolding.folded($0).isEmpty }
        let categories = (table.strings("categories") ?? []).filter { !$0.isEmpty }
        if roles.contains(.draft) && sections.isEmpty {
            table.missing("sections")
        }
        if roles.contains(.review) && categories.isEmpty {
            table.missing("categories")
        }
        let from = table.localDate("from")
        let until = table.localDate("until")
        if let from, let until, until < from {
            table.invalid("until", value: "\(until)", expected: Messages.Approval.untilAfterFrom(from))
        }
        guard let name, !TextFolding.folded(name).isEmpty, let keyID, !roles.isEmpty else { return nil }
        return Entry(
            name: name, keyID: keyID.lowercased(), roles: roles, sections: sections, categories: categories, from: from,
            until: until)
    }
}
