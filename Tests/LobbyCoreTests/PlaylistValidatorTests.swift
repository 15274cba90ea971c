import Foundation
import LobbyCore
import PropertyBased
import Testing

/// One rejection reason per row: the change to the fixture, then the stage, line and words the
/// reason must contain.
struct Rejection: Sendable, CustomStringConvertible {
    var name: String
    var old: String
    var new: String
    var stage: PlaylistProblem.Stage
    var line: Int?
    var words: String

    var description: String { name }
}

@Suite("Playlist validation")
struct PlaylistValidatorTests {
    static let rejections: [Rejection] = [
        Rejection(
            name: "TOML syntax", old: "title = \"大厅资讯\"", new: "title = \"大厅资讯", stage: .syntax, line: 3,
            words: "TOML syntax error"),
        Rejection(
            name: "unknown key", old: "mode = \"page\"", new: "mdoe = \"page\"", stage: .schema, line: 14,
            words: "unknown key \"items[0].mdoe\" (did you mean \"mode\"?)"),
        Rejection(
            name: "missing field", old: "title = \"大厅资讯\"\n", new: "", stage: .schema, line: nil,
            words: "missing required key \"title\""),
        Rejection(
            name: "wrong type", old: "version = 2", new: "version = \"2\"", stage: .schema, line: 2,
            words: "version: expected an integer, found a string"),
        Rejection(
            name: "bad mode", old: "mode = \"page\"", new: "mode = \"flash\"", stage: .schema, line: 14,
            words: "expected one of \"page\", \"static\", \"scroll\""),
        Rejection(
            name: "expired", old: "valid_until = 2026-12-31T23:59:59", new: "valid_until = 2026-11-24",
            stage: .validity, line: 5, words: "expired at 2026-11-24T00:00:00+08:00"),
        Rejection(
            name: "too far ahead", old: "valid_from = 2026-11-20\nvalid_until = 2026-12-31T23:59:59",
            new: "valid_from = 2027-03-01\nvalid_until = 2027-12-31", stage: .validity, line: 4,
            words: "more than 31 days ahead"),
        Rejection(
            name: "item outside the playlist's validity", old: "mode = \"static\"",
            new: "mode = \"static\"\nvalid_until = 2027-06-01", stage: .validity, line: 16,
            words: "inside the playlist's"),
        Rejection(
            name: "category outside the remit", old: "category = \"service-hall\"", new: "category = \"real-estate\"",
            stage: .content, line: 12, words: "category \"real-estate\" is not in the hall's remit"),
        Rejection(
            name: "commercial advertising", old: "text = \"欢迎来到市政务服务中心\"", new: "text = \"年终大促销\"", stage: .content,
            line: 13, words: "\"促销\" at character 4 is commercial advertising (rule commercial)"),
        Rejection(
            name: "control character", old: "text = \"欢迎来到市政务服务中心\"", new: "text = \"欢迎\\u0007来到\"", stage: .content,
            line: 13, words: "control character U+0007 at character 3"),
        Rejection(
            name: "variation selector pasted with an emoji", old: "text = \"欢迎来到市政务服务中心\"",
            new: "text = \"热线☎\\uFE0F12345\"", stage: .content, line: 13,
            words: "invisible or control character U+FE0F at character 4"),
        Rejection(
            name: "colour a mono panel cannot show", old: "mode = \"page\"", new: "mode = \"page\"\ncolor = \"green\"",
            stage: .content, line: 15, words: "cannot be shown on this mono panel"),
        Rejection(
            name: "empty text", old: "text = \"请拨打12345\"", new: "text = \"  \"", stage: .content, line: 18,
            words: "the text is empty"),
        Rejection(
            name: "text too long", old: "text = \"欢迎来到市政务服务中心\"",
            new: "text = \"\(String(repeating: "政", count: 501))\"", stage: .content, line: 13,
            words: "501 characters; at most 500"),
        // Hardening finding 10: advertising words split by spaces or in traditional characters.
        Rejection(
            name: "10: advertising split by invisible characters", old: "text = \"欢迎来到市政务服务中心\"",
            new: "text = \"特\\uFE0F价 促\\u2800销\"", stage: .content, line: 13,
            words: "\"特价\" at character 1 is commercial advertising"),
        Rejection(
            name: "10: advertising split by a space", old: "text = \"欢迎来到市政务服务中心\"", new: "text = \"特 价\"",
            stage: .content, line: 13, words: "\"特价\" at character 1 is commercial advertising"),
        Rejection(
            name: "10: advertising split by a full-width space", old: "text = \"欢迎来到市政务服务中心\"",
            new: "text = \"特\u{3000}价\"", stage: .content, line: 13,
            words: "\"特价\" at character 1 is commercial advertising"),
        Rejection(
            name: "10: advertising across a line break", old: "text = \"欢迎来到市政务服务中心\"", new: "text = \"限时\\n抢购\"",
            stage: .content, line: 13, words: "\"限时抢购\" at character 1 is commercial advertising"),
        Rejection(
            name: "10: advertising in traditional characters", old: "text = \"欢迎来到市政务服务中心\"",
            new: "text = \"年終特價促銷\"", stage: .content, line: 13,
            words: "\"特价\" at character 3 is commercial advertising"),
        // Hardening finding 19: a length limit that counted grapheme clusters.
        Rejection(
            name: "19: one letter with 600 combining marks", old: "text = \"欢迎来到市政务服务中心\"",
            new: "text = \"a\(String(repeating: "\u{301}", count: 600))\"", stage: .content, line: 13,
            words: "601 characters; at most 500"),
        Rejection(
            name: "character the font lacks", old: "text = \"欢迎来到市政务服务中心\"", new: "text = \"欢迎𠀀来到\"", stage: .coverage,
            line: 13, words: "'𠀀' (U+20000) at character 3"),
        Rejection(
            name: "static item over one page", old: "text = \"请拨打12345\"",
            new: "text = \"\(String(repeating: "请", count: 30))\"", stage: .layout, line: 18,
            words: "must fit one page but needs 2"),
    ]

    /// Worded in English here (the table is older than the catalogue); `reasonText` and
    /// `MessageCatalogueTests` check the Chinese.
    @Test("each rejection reason names the problem and where it is", arguments: rejections)
    func rejection(_ rejection: Rejection) throws {
        let fixture = PlaylistFixture()
        let problems = Language.$scoped.withValue(.english) {
            fixture.problems(PlaylistFixture.text.replacing(line: rejection.old, with: rejection.new))
        }
        let problem = try #require(problems.first { $0.stage == rejection.stage }, "\(problems)")
        #expect(problem.location.file == PlaylistFixture.file && problem.location.line == rejection.line)
        #expect(problem.message.contains(rejection.words), "\(problem)")
    }

    @Test("the fixture itself is accepted, with its publisher")
    func accepted() throws {
        guard case .accepted(let playlist, let publisher) = PlaylistFixture().validate() else {
            Issue.record("the valid fixture was rejected: \(PlaylistFixture().problems())")
            return
        }
        #expect(publisher == "张三")
        #expect(playlist.approval.steps.map(\.person) == ["李明", "王芳", "陈刚", "张三"])
        #expect(playlist.id == "hall-news" && playlist.version == 2 && playlist.items.count == 2)
        #expect(playlist.approval.documentNumber == "〔2026〕1号")
        #expect(playlist.items[1].mode == .static)
    }

    @Test("a content rule's reason names the line and the column, the rule and its allow-list")
    func contentRuleReason() throws {
        let text = PlaylistFixture.text.replacing(
            line: "text = \"欢迎来到市政务服务中心\"", with: "text = \"年终大促销，联系13812345678\"")
        let problems = PlaylistFixture().problems(text).map(\.description)
        #expect(
            problems == [
                "incoming/hall-news.toml:13:12: [内容规范] 第 4 个字符起 \"促销\" 是商业广告用语（规则 commercial）："
                    + "政务服务大厅显示屏不得发布商业广告；确属政务用语的，请技术人员加入 [content] allowed_phrases",
                "incoming/hall-news.toml:13:17: [内容规范] 第 9 个字符起 \"138****5678\" 是手机号码（规则 mobile-number）："
                    + "个人信息不得上屏；确属公开的服务号码的，请技术人员加入 [content] allowed_numbers",
            ])
        // Written with an escape before it, the column is not known: the line still is.
        let escaped = PlaylistFixture.text.replacing(
            line: "text = \"欢迎来到市政务服务中心\"", with: "text = \"\\u5E74促销\"")
        #expect(
            PlaylistFixture().problems(escaped).first?.location == SourceLocation(file: PlaylistFixture.file, line: 13))
    }

    @Test("an emergency item runs at most [emergency] max_hours (72)")
    func emergencyValidity() {
        let emergency = PlaylistFixture.text.replacing(
            line: "mode = \"page\"", with: "mode = \"page\"\npriority = \"emergency\"")
        let long = emergency.replacing(
            line: "priority = \"emergency\"",
            with: "priority = \"emergency\"\nvalid_from = 2026-11-24T10:00:00\nvalid_until = 2026-11-27T10:00:01")
        let problems = Language.$scoped.withValue(.english) { PlaylistFixture().problems(long) }
        #expect(problems.map(\.stage) == [.validity], "\(problems)")
        #expect(
            problems.first?.message.contains(
                "run over 72 hours from the first one's start to the last one's end (up to 73") == true, "\(problems)")
        #expect(problems.first?.location.line == 15)
        let short = emergency.replacing(
            line: "priority = \"emergency\"",
            with: "priority = \"emergency\"\nvalid_from = 2026-11-24T10:00:00\nvalid_until = 2026-11-27T10:00:00")
        #expect(PlaylistFixture().problems(short).isEmpty, "\(PlaylistFixture().problems(short))")
        var config = PlaylistFixture()
        config.configuration.emergency.maxHours = 1
        #expect(config.problems(short).count == 1)
        // Two emergency items back to back are one notice of their whole span.
        let twice = short.replacing(
            line: "text = \"请拨打12345\"",
            with:
                "text = \"请拨打12345\"\npriority = \"emergency\"\nvalid_from = 2026-11-27T10:00:00\nvalid_until = 2026-11-28T10:00:00"
        )
        #expect(PlaylistFixture().problems(twice).map(\.stage) == [.validity], "\(PlaylistFixture().problems(twice))")
    }

    @Test("a missing signature is named")
    func missingSignature() throws {
        let problem = try #require(PlaylistFixture().problems(signature: .some(nil)).only)
        #expect(problem.stage == .signature && problem.message.contains("缺少 hall-news.toml.sig"))
    }

    @Test("a file changed after signing is refused")
    func tampered() throws {
        let fixture = PlaylistFixture()
        let signature = Array(fixture.approvers.sheet(for: PlaylistFixture.text).utf8)
        let changed = PlaylistFixture.text.replacing(line: "请拨打12345", with: "请拨打12346")
        let problem = try #require(fixture.problems(changed, signature: signature).only)
        #expect(problem.stage == .signature && problem.message.contains("签名单属于另一份内容"))
    }

    @Test("an oversize file is refused before it is parsed")
    func oversize() throws {
        var fixture = PlaylistFixture()
        fixture.configuration.content.maxFileBytes = 100
        let problem = try #require(fixture.problems().only)
        #expect(problem.stage == .size && problem.message.contains("最多接受 100 字节"))
    }

    @Test("every problem is reported, not just the first, in stage order")
    func allProblems() {
        let text = PlaylistFixture.text
            .replacing(line: "reposted = false", with: "reposted = true")
            .replacing(line: "category = \"service-hall\"", with: "category = \"ads\"")
            .replacing(line: "text = \"请拨打12345\"", with: "text = \"𠀀\"")
        let stages = PlaylistFixture().problems(text).map(\.stage)
        #expect(stages == [.approval, .content, .coverage])
    }

    @Test("a misspelt key does not hide the content problems below it: one pass reports all")
    func schemaAndContent() {
        let text = PlaylistFixture.text
            .replacing(line: "mode = \"page\"", with: "mdoe = \"page\"")
            .replacing(line: "text = \"请拨打12345\"", with: "text = \"促销，联系13812345678\"")
        let problems = PlaylistFixture().problems(text)
        #expect(problems.map(\.stage) == [.schema, .content, .content], "\(problems)")
        #expect(problems.map(\.location.line) == [14, 18, 18])
    }

    @Test("problems come in the order of the file, whatever their stage, the sheet's after the playlist's")
    func fileOrder() {
        let fixture = PlaylistFixture()
        let text = PlaylistFixture.text
            .replacing(line: "text = \"欢迎来到市政务服务中心\"", with: "text = \"𠀀\"")
            .replacing(line: "text = \"请拨打12345\"", with: "text = \"促销\"")
        var hands = fixture.approvers.hands()
        hands[1].step.confidentiality = "待定"
        let problems = fixture.problems(hands: hands, text: text)
        #expect(problems.map(\.stage) == [.coverage, .content, .approval], "\(problems)")
        #expect(problems.map(\.location.line) == [13, 18, 15])
        #expect(problems.last?.location.file == "incoming/hall-news.toml.sig")
    }

    @Test("the reason file starts with a summary in Chinese, then each problem with its place")
    func reasonText() {
        let problems = PlaylistFixture().problems(
            PlaylistFixture.text.replacing(line: "category = \"service-hall\"", with: "category = \"ads\""))
        let text = RejectionReport.text(
            file: "hall-news.toml", problems: problems, rejectedAt: "2026-11-25T10:00:00+08:00")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines[0]
                == "发布内容单 hall-news.toml 未通过校验，未予发布（2026-11-25T10:00:00+08:00）：共 1 处问题（内容规范），请按下列说明修改后重新提交。"
        )
        #expect(lines[2].hasPrefix("1. incoming/hall-news.toml:12: [内容规范] 类别 \"ads\" 不属于本大厅可发布的范围"))
    }

    @Test("random bytes never crash the validator and always give a reason")
    func randomBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...400)) { bytes in
            let fixture = PlaylistFixture()
            let validator = PlaylistValidator(
                configuration: fixture.configuration, trust: fixture.trust, fitting: FakeFitting())
            guard
                case .rejected(let problems) = validator.validate(
                    file: "x.toml", bytes: bytes, signature: nil, now: PlaylistFixture.now)
            else {
                Issue.record("random bytes were accepted")
                return
            }
            #expect(!problems.isEmpty && problems.allSatisfy { !$0.message.isEmpty })
        }
    }

    @Test("a mutated valid playlist is never accepted against its old signature, and always gets a reason")
    func mutations() async {
        let fixture = PlaylistFixture()
        let original = Array(PlaylistFixture.text.utf8)
        let signature = Array(fixture.approvers.sheet(for: original).utf8)
        await propertyCheck(count: 300, input: Gen.int(in: 0...(original.count - 1)), Gen.uint8(), Gen.int(in: 0...2)) {
            position, byte, kind in
            var mutated = original
            switch kind {
            case 0: mutated[position] = mutated[position] == byte ? byte &+ 1 : byte
            case 1: mutated.remove(at: position)
            default: mutated.insert(byte, at: position)
            }
            let validator = PlaylistValidator(
                configuration: fixture.configuration, trust: fixture.trust, fitting: FakeFitting())
            guard
                case .rejected(let problems) = validator.validate(
                    file: "x.toml", bytes: mutated, signature: signature, now: PlaylistFixture.now)
            else {
                Issue.record("a mutated playlist was accepted")
                return
            }
            #expect(!problems.isEmpty)
        }
    }
}
