import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// The content-safety rules against a corpus of real-looking texts: each rule caught where it
/// should be, and nothing caught in what a hall ordinarily shows. Resident ID numbers are
/// checked against GB 11643's own example (11010519491231002X); the others' check digits were
/// computed independently of `ContentRules` (Python, once) and are written out here.
@Suite("Content rules")
struct ContentRulesTests {
    static let rules = ContentRules(
        terms: Configuration.Content().forbiddenTerms, allowedPhrases: Configuration.Content().allowedPhrases,
        allowedDomains: ["gov.cn", "hall.example.org"], allowedNumbers: ["13912340000"])

    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var found: [String]
        var description: String { text }
    }

    /// Each text with what must be found, as `rule:match@character`.
    static let positives: [Case] = [
        Case(
            text: "本店新品八折，扫码关注领红包…www.shop-example.com 400-123-4567",
            found: [
                "commercial:八折@5", "commercial:扫码关注@8", "commercial:红包@13", "web-address:www.shop-example.com@16",
                "premium-number:400-123-4567@37",
            ]),
        Case(text: "信用卡免年费，首刷送好礼", found: ["commercial:免年费@4", "commercial:首刷@8"]),
        Case(text: "全场8.5折，仅需99元", found: ["commercial:8.5折@3", "price:99元@10"]),
        Case(text: "限时特惠低至￥19.9", found: ["price:￥19.9@7"]),
        Case(text: "七五折促销", found: ["commercial:七五折@1", "commercial:促销@4"]),
        Case(text: "特價促銷", found: ["commercial:特价@1", "commercial:促销@3"]),
        Case(text: "优 惠 券", found: ["commercial:优惠@1", "commercial:优惠券@1"]),
        Case(text: "详见 https://shop.example.com/a", found: ["web-address:https://shop.example.com/a@4"]),
        Case(text: "关注 weixin.qq.com", found: ["web-address:weixin.qq.com@4"]),
        Case(text: "客服热线8001234567", found: ["premium-number:8001234567@5"]),
        Case(text: "身份证号11010519491231002X，请核对", found: ["resident-id:110***********002X@5"]),
        Case(text: "申请人：440106199003071231", found: ["resident-id:440***********1231@5"]),
        Case(text: "联系人手机13812345678", found: ["mobile-number:138****5678@6"]),
        Case(text: "电话 138 1234 5678", found: ["mobile-number:138******5678@4"]),
        Case(text: "电话+86 138-1234-5678", found: ["mobile-number:86 *********5678@4"]),
        Case(text: "手机：１３８１２３４５６７８", found: ["mobile-number:１３８****５６７８@4"]),
        Case(text: "退款至卡号6217001234567890122", found: ["bank-card:621************0122@6"]),
        Case(text: "卡号 6225 8801 2345 6783", found: ["bank-card:622************6783@4"]),
    ]

    /// What a hall shows every day: none of it may be caught.
    static let negatives = [
        "欢迎来到市政务服务中心，请在取号机取号后留意叫号屏，按号到对应窗口办理业务。",
        "大厅办公时间：工作日上午8:20-12:00，下午14:20-17:30。",
        "有诉求，找12345！政务服务便民热线7×24小时为您服务。",
        "广东政务服务网 www.gdzwfw.gov.cn",
        "请登录 https://www.gd.gov.cn/zwgk 查询",
        "咨询电话：020-83123456、020-83123457",
        "值班手机 139 1234 0000（大厅值班）",
        "工本费10元，办理时限20个工作日",
        "税收优惠政策宣讲会于2026年11月30日举行",
        "项目编号 2026110100001234，开标时间 2026-12-01 09:30",
        "统一社会信用代码 91440101MA5CXXXX1X",
        "身份证号码 110105194912310021 为错误示例",
        "折叠屏展示区在二楼，折旧资产请到三号窗口",
        "共有30个窗口，第1至第8号窗口办理社保业务",
        "版本 v1.2 于 8.5 小时后上线",
        "本站地址 hall.example.org/notice",
    ]

    static func render(_ finding: ContentRules.Finding) -> String {
        "\(finding.rule.rawValue):\(finding.match)@\(finding.offset + 1)"
    }

    @Test("each rule finds what it should, where it is", arguments: positives)
    func positive(_ example: Case) {
        #expect(Self.rules.findings(in: example.text).map(Self.render) == example.found)
    }

    @Test("ordinary notices, the sample playlists and the hall's own numbers pass", arguments: negatives)
    func negative(_ text: String) {
        #expect(Self.rules.findings(in: text).isEmpty, "\(Self.rules.findings(in: text).map(Self.render))")
    }

    @Test("every text of the sample playlists passes the default rules")
    func samples() throws {
        let defaults = Configuration.Content()
        let rules = ContentRules(
            terms: defaults.forbiddenTerms, allowedPhrases: defaults.allowedPhrases,
            allowedDomains: defaults.allowedDomains, allowedNumbers: defaults.allowedNumbers)
        let directory = RepositoryFiles.path("playlists")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".toml") {
            let playlist = try Playlist.parse(
                text: String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8), file: name, zone: .current)
            for item in playlist.items {
                #expect(rules.findings(in: item.text).isEmpty, "\(name): \(item.text)")
            }
        }
    }

    @Test("resident ID numbers: GB 11643's example passes its check, one wrong digit does not")
    func residentID() {
        #expect(ContentRules.isResidentID("11010519491231002X"))
        #expect(ContentRules.isResidentID("11010519491231002x"))
        #expect(!ContentRules.isResidentID("110105194912310021"))
        // A right check digit on a date that does not exist (1949-02-30) is not an ID number.
        #expect(!ContentRules.isResidentID("110105194902300020"))
    }

    @Test("an allowed number, domain or phrase lets exactly that through")
    func allowLists() {
        let rules = ContentRules(
            terms: ["优惠"], allowedPhrases: ["优惠政策"], allowedDomains: ["gov.cn"], allowedNumbers: ["400-830-1234"])
        #expect(rules.findings(in: "公积金中心热线 400-830-1234").isEmpty)
        #expect(rules.findings(in: "热线 400-830-1235").map(Self.render) == ["premium-number:400-830-1235@4"])
        #expect(rules.findings(in: "优惠政策解读").isEmpty)
        #expect(rules.findings(in: "优惠政策与购物优惠").map(Self.render) == ["commercial:优惠@8"])
        #expect(rules.findings(in: "fakegov.cn").map(Self.render) == ["web-address:fakegov.cn@1"])
    }
}
