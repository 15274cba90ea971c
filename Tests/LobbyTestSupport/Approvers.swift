import LobbyCore

/// The four hands of the approval chain for tests: a drafter (综合科), a deputy responsible for
/// every category, a director and a publisher, with the roster that names them, and the signed
/// sheet of any playlist.
public struct Approvers: Sendable {
    public let drafter: PersonalKey
    public let reviewer: PersonalKey
    public let director: PersonalKey
    public let publisher: PersonalKey

    /// New random keys for 李明 (拟稿), 王芳 (审核), 陈刚 (审批) and 张三 (发布).
    public init() {
        self.init(
            drafter: PersonalKey(holder: "李明"), reviewer: PersonalKey(holder: "王芳"),
            director: PersonalKey(holder: "陈刚"), publisher: PersonalKey(holder: "张三"))
    }

    public init(drafter: PersonalKey, reviewer: PersonalKey, director: PersonalKey, publisher: PersonalKey) {
        self.drafter = drafter
        self.reviewer = reviewer
        self.director = director
        self.publisher = publisher
    }

    /// The demo people whose keys are in `playlists/demo-keys/`, as `make demo` trusts them.
    public static func demo() throws -> Approvers {
        func key(_ name: String) throws -> PersonalKey {
            try PersonalKey.load(path: RepositoryFiles.path("playlists/demo-keys/\(name).key"))
        }
        return Approvers(
            drafter: try key("demo-drafter"), reviewer: try key("demo-reviewer"), director: try key("demo-director"),
            publisher: try key("demo-publisher"))
    }

    public var keys: [PersonalKey] { [drafter, reviewer, director, publisher] }

    /// The categories the reviewer is responsible for: all of the default configuration's.
    public static let categories = Configuration.Content().categories

    public var roster: Roster {
        Roster(entries: [
            .init(name: drafter.holder, keyID: drafter.publicKey.keyID, roles: [.draft], sections: ["综合科"]),
            .init(
                name: reviewer.holder, keyID: reviewer.publicKey.keyID, roles: [.review], categories: Self.categories),
            .init(name: director.holder, keyID: director.publicKey.keyID, roles: [.approve]),
            .init(name: publisher.holder, keyID: publisher.publicKey.keyID, roles: [.publish]),
        ])
    }

    /// `people.toml` naming the four.
    public var rosterText: String {
        roster.entries.map { entry in
            var text = "[[person]]\nname = \"\(entry.name)\"\nkey_id = \"\(entry.keyID)\"\n"
            text += "roles = [\(entry.roles.sorted().map { "\"\($0.word)\"" }.joined(separator: ", "))]\n"
            if !entry.sections.isEmpty {
                text += "sections = [\(entry.sections.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
            }
            if !entry.categories.isEmpty {
                text += "categories = [\(entry.categories.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
            }
            return text
        }.joined(separator: "\n")
    }

    public var trust: TrustStore {
        TrustStore(keys: keys.map(\.publicKey), roster: roster)
    }

    /// Writes every public key into `directory` (the trusted-keys directory) and the roster to
    /// `people`.
    public func install(keys directory: String, people: String) throws {
        for key in keys {
            try AtomicFile.write(Array(key.publicKey.fileText.utf8), to: "\(directory)/\(key.publicKey.keyID).pub")
        }
        try AtomicFile.write(Array(rosterText.utf8), to: people)
    }

    /// The four steps, dated from `first` one day apart (2026-11-16 … 2026-11-19 by default).
    public func hands(from first: LocalDate = LocalDate(year: 2026, month: 11, day: 16)!)
        -> [(step: ApprovalSheet.Step, key: PersonalKey)]
    {
        [
            (.init(role: .draft, keyID: "", date: first, section: "综合科"), drafter),
            (.init(role: .review, keyID: "", date: first.adding(days: 1), confidentiality: "通过"), reviewer),
            (.init(role: .approve, keyID: "", date: first.adding(days: 2), confidentiality: "通过"), director),
            (.init(role: .publish, keyID: "", date: first.adding(days: 3)), publisher),
        ]
    }

    /// The complete sheet of `bytes`, as `.sig` file text.
    public func sheet(for bytes: [UInt8], from first: LocalDate = LocalDate(year: 2026, month: 11, day: 16)!)
        -> String
    {
        // Signing with a valid key cannot fail.
        try! ApprovalSheet.signing(bytes, by: hands(from: first)).fileText
    }

    public func sheet(for text: String) -> String {
        sheet(for: Array(text.utf8))
    }
}
