import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// The approval sheet: each step signed by its own person, whose roster entry gives the role on
/// the step's date; each rejection with the exact line a clerk reads. Sheet lines: step 1
/// (拟稿) is lines 4–9, step 2 (审核) 11–16, step 3 (审批) 18–23, step 4 (发布) 25–29.
@Suite("Approval chain")
struct ApprovalChainTests {
    typealias Hand = (step: ApprovalSheet.Step, key: PersonalKey)
    let fixture = PlaylistFixture()
    var hands: [Hand] { fixture.approvers.hands() }
    static let sheet = "incoming/hall-news.toml.sig"

    /// The only problem, as the reason file prints it.
    func reason(_ hands: [Hand], text: String = PlaylistFixture.text) throws -> String {
        let problems = fixture.problems(hands: hands, text: text)
        return try #require(problems.only, "\(problems)").description
    }

    @Test("the four hands in order, each in their role, are accepted with their names")
    func accepted() throws {
        guard case .accepted(let playlist, let publisher) = fixture.validate() else {
            Issue.record("\(fixture.problems())")
            return
        }
        #expect(publisher == "张三")
        #expect(playlist.approval.steps.map(\.role) == [.draft, .review, .approve, .publish])
        #expect(playlist.approval.section == "综合科")
    }

    @Test("a step signed by a key whose holder does not have that role is refused (a forged 审批)")
    func forgedStep() throws {
        var hands = hands
        hands[2].key = fixture.approvers.reviewer  // the deputy signs as the director
        let problems = fixture.problems(hands: hands)
        let forged = try #require(problems.first { $0.location.line == 19 }, "\(problems)")
        let reviewer = fixture.approvers.reviewer.publicKey.keyID
        #expect(
            forged.description
                == "\(Self.sheet):19: [三审制度] 第 3 步（审批）的签名密钥 \(reviewer)（王芳）在 2026-11-18 不担任审批（名册所载：审核 …–…）")
        #expect(problems.count == 1)
    }

    @Test("one person may not sign two steps, even when the roster gives them both roles")
    func samePerson() throws {
        var fixture = fixture
        fixture.trust.roster.entries[1].roles = [.review, .approve]
        var hands = hands
        hands[2].key = fixture.approvers.reviewer
        #expect(
            try #require(fixture.problems(hands: hands).only).description
                == "\(Self.sheet):20: [三审制度] 王芳 已签审核，不能再签审批：拟稿、审核、审批、发布须由不同的人用各自的密钥完成")
    }

    @Test("a key that is not trusted at all is refused, naming its id")
    func unknownKey() throws {
        var hands = hands
        let stranger = PersonalKey(holder: "unknown")
        hands[1].key = stranger
        let problems = fixture.problems(hands: hands)
        #expect(
            problems.first?.description
                == "\(Self.sheet):13: [签名] 第 2 步（审核）：签名所用密钥 \(stranger.publicKey.keyID) 不在受信任密钥中；请技术人员安装签名人的 .pub 文件并登记到名册",
            "\(problems)")
    }

    @Test("a missing 保密批准 at the approval step, and a 保密审核 that did not pass, are refused")
    func confidentiality() throws {
        var hands = hands
        hands[2].step.confidentiality = nil
        #expect(
            try reason(hands)
                == "\(Self.sheet):18: [三审制度] 审批一步缺少保密批准（confidentiality = \"通过\"）")
        hands = self.hands
        hands[1].step.confidentiality = "待定"
        #expect(try reason(hands) == "\(Self.sheet):15: [三审制度] 保密审核结果为 \"待定\"，须为 \"通过\" 方可发布")
        for written in ["已通过", " 通过 ", "Passed", "PASSED"] {
            hands[1].step.confidentiality = written
            #expect(fixture.problems(hands: hands).isEmpty, "\(written)")
        }
    }

    @Test("reordered steps are refused: 审批 before 审核")
    func reordered() throws {
        var hands = hands
        hands.swapAt(1, 2)
        hands[1].step.date = hands[2].step.date
        let problems = fixture.problems(hands: hands)
        #expect(
            problems.map(\.description).contains(
                "\(Self.sheet):19: [三审制度] 第 3 步审核排在审批之后；顺序应为 拟稿 → 审核 → 审批 → 发布"), "\(problems)")
    }

    @Test("a step dropped from the sheet breaks every signature after it")
    func droppedStep() throws {
        let sheet = try ApprovalSheet.signing(Array(PlaylistFixture.text.utf8), by: hands)
        var cut = sheet
        cut.steps.remove(at: 1)
        let problems = fixture.problems(PlaylistFixture.text, signature: Array(cut.fileText.utf8))
        #expect(problems.filter { $0.stage == .signature }.count == 2, "\(problems)")
        let broken = problems.first { $0.stage == .signature }
        #expect(broken?.message.hasPrefix("第 2 步（审批）：签名与内容不符（陈刚 的密钥）") == true, "\(problems)")
    }

    @Test("a step re-dated after later hands signed breaks their signatures")
    func redated() throws {
        var sheet = try ApprovalSheet.signing(Array(PlaylistFixture.text.utf8), by: hands)
        sheet.steps[0].date = LocalDate(year: 2026, month: 11, day: 10)!
        let problems = fixture.problems(PlaylistFixture.text, signature: Array(sheet.fileText.utf8))
        #expect(problems.filter { $0.stage == .signature }.count == 4, "\(problems)")
    }

    @Test("an approval dated more than approval_max_age_days before valid_from is refused")
    func overAge() throws {
        // valid_from is 2026-11-20: 30 days before is 2026-10-21.
        let old = fixture.approvers.hands(from: LocalDate(year: 2026, month: 10, day: 20)!)
        let problems = fixture.problems(hands: old)
        #expect(
            problems.first?.description
                == "\(Self.sheet):7: [三审制度] 拟稿日期 2026-10-20 比开始日期 2026-11-20 早 30 天以上（[content] approval_max_age_days）：审批已过时，请重新审批",
            "\(problems)")
        #expect(problems.count == 1)
        #expect(
            fixture.problems(hands: fixture.approvers.hands(from: LocalDate(year: 2026, month: 10, day: 21)!)).isEmpty)
        var strict = fixture
        strict.configuration.content.approvalMaxAgeDays = 0
        #expect(strict.problems().count == 4)
    }

    @Test("a step dated after today, or before the step it follows, is refused")
    func dates() throws {
        var hands = hands
        hands[3].step.date = LocalDate(year: 2026, month: 11, day: 26)!
        #expect(try reason(hands) == "\(Self.sheet):28: [三审制度] 发布日期 2026-11-26 晚于今天（2026-11-25）")
        hands = self.hands
        hands[1].step.date = LocalDate(year: 2026, month: 11, day: 15)!
        #expect(try reason(hands) == "\(Self.sheet):14: [三审制度] 审核日期 2026-11-15 早于拟稿日期 2026-11-16")
    }

    @Test("a revoked key is refused with the date and reason of revocation")
    func revokedKey() throws {
        var fixture = fixture
        let director = fixture.approvers.director.publicKey
        fixture.trust = TrustStore(
            keys: fixture.approvers.keys.map(\.publicKey),
            revoked: [.init(keyID: director.keyID, date: LocalDate(parsing: "2026-11-20"), reason: "left the team")],
            roster: fixture.approvers.roster)
        let problem = try #require(fixture.problems().only)
        #expect(
            problem.description
                == "\(Self.sheet):20: [签名] 第 3 步（审批）：签名所用密钥 \(director.keyID)（陈刚）已于 2026-11-20 吊销：left the team")
    }

    @Test("an expired key is refused from the day after its last day")
    func expiredKey() throws {
        let deputy = PersonalKey(holder: "王芳", validUntil: LocalDate(year: 2026, month: 11, day: 24)!)
        let approvers = Approvers(
            drafter: fixture.approvers.drafter, reviewer: deputy, director: fixture.approvers.director,
            publisher: fixture.approvers.publisher)
        var fixture = fixture
        fixture.trust = approvers.trust
        let problems = fixture.problems(hands: approvers.hands())
        #expect(
            problems.only?.description
                == "\(Self.sheet):13: [签名] 第 2 步（审核）：密钥 \(deputy.publicKey.keyID)（王芳）的有效期到 2026-11-24 为止，已过期；请生成新密钥（lobbyctl keygen --valid-until）并由技术人员登记",
            "\(problems)")
        let lastDay = Approvers(
            drafter: fixture.approvers.drafter,
            reviewer: PersonalKey(holder: "王芳", validUntil: LocalDate(year: 2026, month: 11, day: 25)!),
            director: fixture.approvers.director, publisher: fixture.approvers.publisher)
        fixture.trust = lastDay.trust
        #expect(fixture.problems(hands: lastDay.hands()).isEmpty)
    }

    @Test("a role held only from a later date does not cover an earlier step")
    func roleAtDate() throws {
        var fixture = fixture
        var roster = fixture.approvers.roster
        roster.entries[1].from = LocalDate(year: 2026, month: 11, day: 18)!
        fixture.trust.roster = roster
        let problems = fixture.problems()
        #expect(problems.only?.message.contains("在 2026-11-17 不担任审核（名册所载：审核 2026-11-18–…）") == true, "\(problems)")
    }

    /// The fixture with the categories split: 王芳 answers for service-hall, 周强 (the key
    /// returned) for hotline-12345.
    func splitDeputies() -> (PlaylistFixture, second: PersonalKey) {
        var fixture = fixture
        var roster = fixture.approvers.roster
        roster.entries[1].categories = ["service-hall"]
        let second = PersonalKey(holder: "周强")
        roster.entries.append(
            .init(name: "周强", keyID: second.publicKey.keyID, roles: [.review], categories: ["hotline-12345"]))
        fixture.trust = TrustStore(keys: (fixture.approvers.keys + [second]).map(\.publicKey), roster: roster)
        return (fixture, second)
    }

    @Test("应审尽审: every category needs its responsible deputy; a second deputy covers the rest")
    func deputyPerCategory() throws {
        let (fixture, second) = splitDeputies()
        #expect(
            try #require(fixture.problems().only).description
                == "\(Self.sheet): [三审制度] 以下类别没有分管领导审核（应审尽审）：hotline-12345；请由分管该类别的领导 lobbyctl approve --role 审核")
        var hands = hands
        hands.insert(
            (
                .init(
                    role: .review, keyID: "", date: LocalDate(year: 2026, month: 11, day: 17)!, confidentiality: "通过"),
                second
            ),
            at: 2)
        #expect(fixture.problems(hands: hands).isEmpty, "\(fixture.problems(hands: hands))")
    }

    @Test("with the categories split between two deputies, the first may sign before the second")
    func deputiesInTurn() throws {
        let (fixture, _) = splitDeputies()
        let validator = PlaylistValidator(
            configuration: fixture.configuration, trust: fixture.trust, fitting: FakeFitting())
        let bytes = Array(PlaylistFixture.text.utf8)
        let first = try ApprovalSheet.signing(bytes, by: Array(hands.prefix(2)))
        let verdict = validator.validate(
            file: PlaylistFixture.file, bytes: bytes, signature: Array(first.fileText.utf8), now: PlaylistFixture.now,
            through: .review)
        if case .rejected(let problems) = verdict { Issue.record("the first deputy was refused: \(problems)") }
    }

    @Test("the publisher is a different person too, and one key is one person in the roster")
    func publisherApart() throws {
        var fixture = fixture
        fixture.trust.roster.entries[0].roles = [.draft, .publish]
        var hands = hands
        hands[3].key = fixture.approvers.drafter
        #expect(
            try #require(fixture.problems(hands: hands).only).message.hasPrefix("李明 已签拟稿，不能再签发布"))
        let directory = try TemporaryDirectory()
        let id = fixture.approvers.reviewer.publicKey.keyID
        let path = try directory.write(
            "people.toml",
            """
            [[person]]
            name = "王芳"
            key_id = "\(id)"
            roles = ["审核"]
            categories = ["service-hall"]

            [[person]]
            name = "王芳（兼）"
            key_id = "\(id)"
            roles = ["审批"]
            """)
        #expect(throws: LobbyCoreError.self) { try Roster.load(path: path) }
        do {
            _ = try Roster.load(path: path)
        } catch {
            #expect("\(error)".contains("people.toml:9"), "\(error)")
            #expect("\(error)".contains("此密钥已登记给 王芳"), "\(error)")
        }
    }

    @Test("the daemon parses nothing of a file whose sheet lacks a step, signed or not")
    func incompleteSheetUnparsed() throws {
        let validator = PlaylistValidator(
            configuration: fixture.configuration, trust: fixture.trust, fitting: FakeFitting())
        let bytes = Array("id = \"x\"\nthis is = = not toml [[[\n".utf8)
        for steps in [0, 3] {
            let sheet = try ApprovalSheet.signing(bytes, by: Array(hands.prefix(steps)))
            guard
                case .rejected(let problems) = validator.validate(
                    file: PlaylistFixture.file, bytes: bytes, signature: Array(sheet.fileText.utf8),
                    now: PlaylistFixture.now, signedOnly: true)
            else {
                Issue.record("accepted")
                return
            }
            #expect(
                !problems.isEmpty && !problems.contains { $0.stage == .syntax || $0.stage == .schema }, "\(problems)")
        }
    }

    @Test("a revocation names its key as the .pub does, in capitals or with spaces; a wrong id is refused")
    func revocationList() throws {
        let directory = try TemporaryDirectory()
        let key = fixture.approvers.publisher.publicKey
        try directory.write("\(key.keyID).pub", key.fileText)
        try directory.write(
            "revoked-keys.toml", "[[revoked]]\nkey_id = \" \(key.keyID.uppercased()) \"\nreason = \"left\"\n")
        let trust = try TrustStore.load(directory: directory.path, roster: "\(directory.path)/none.toml")
        #expect(trust.revoked[key.keyID]?.reason == "left")
        try directory.write("revoked-keys.toml", "[[revoked]]\nkey_id = \"8bb83def0c8f83a\"\n")
        #expect(throws: LobbyCoreError.self) {
            try TrustStore.load(directory: directory.path, roster: "\(directory.path)/none.toml")
        }
    }

    @Test("the drafting section must be one the drafter drafts for")
    func section() throws {
        var hands = hands
        hands[0].step.section = "财务科"
        #expect(
            try reason(hands)
                == "\(Self.sheet):8: [三审制度] 拟稿科室为 \"财务科\"，而 李明 在名册中只为 综合科 拟稿")
    }

    @Test("missing steps are named with who signs them and how")
    func missingSteps() throws {
        let problems = fixture.problems(hands: Array(hands.prefix(2)))
        #expect(
            problems.map(\.description) == [
                "\(Self.sheet): [三审制度] 缺少审批一步：请由局长用 lobbyctl approve --role 审批 签名",
                "\(Self.sheet): [三审制度] 缺少发布一步：请由发布人员用 lobbyctl sign 签名",
            ])
    }

    @Test("reposted content must name its source (稿源)")
    func repostedNeedsSource() throws {
        let text = PlaylistFixture.text.replacing(line: "reposted = false", with: "reposted = true")
        #expect(
            try reason(hands, text: text)
                == "\(PlaylistFixture.file):9: [三审制度] 转载内容（reposted = true）须注明稿源 source")
        let sourced = PlaylistFixture.text.replacing(
            line: "reposted = false", with: "reposted = true\nsource = \"广东省政务服务数据管理局\"")
        #expect(fixture.problems(hands: hands, text: sourced).isEmpty)
    }

    @Test("the first release's files are refused with how to re-approve them")
    func firstRelease() throws {
        let old = "algorithm = \"ed25519\"\nkey_id = \"8bb83def0c8f83a8\"\nsignature = \"AAAA\"\n"
        let problem = try #require(fixture.problems(signature: Array(old.utf8)).only)
        #expect(problem.location.line == 3 && problem.message.contains("旧格式（只有发布人一人的签名），不再接受"))
        let typed = PlaylistFixture.text.replacing(
            line: "reposted = false", with: "reposted = false\n[approval.drafted]\nsection = \"综合科\"")
        let problems = fixture.problems(hands: hands, text: typed)
        #expect(
            problems.contains { $0.location.line == 10 && $0.message.contains("请删去 [approval.drafted]") }, "\(problems)"
        )
    }

    @Test("a role is read as the office writes it, in Chinese or English")
    func roleSpellings() {
        #expect(ApprovalRole(spelled: "审核") == .review && ApprovalRole(spelled: "分管领导") == .review)
        #expect(ApprovalRole(spelled: " Approve ") == .approve && ApprovalRole(spelled: "排版发布") == .publish)
        #expect(ApprovalRole(spelled: "拟 稿") == .draft && ApprovalRole(spelled: "boss") == nil)
    }

    @Test("a sheet signed through one step is accepted for that step only")
    func partial() throws {
        let text = PlaylistFixture.text
        let sheet = try ApprovalSheet.signing(Array(text.utf8), by: Array(hands.prefix(2)))
        let validator = PlaylistValidator(
            configuration: fixture.configuration, trust: fixture.trust, fitting: FakeFitting())
        func verdict(_ through: ApprovalRole) -> Bool {
            if case .accepted = validator.validate(
                file: PlaylistFixture.file, bytes: Array(text.utf8), signature: Array(sheet.fileText.utf8),
                now: PlaylistFixture.now, through: through)
            {
                return true
            }
            return false
        }
        #expect(verdict(.review) && !verdict(.approve) && !verdict(.draft))
    }
}
