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
        Case(text: "全场8.5折，原价199元现价99元", found: ["commercial:8.5折@3", "price:199元@10"]),
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
        // Written to slip past (the adversarial review's list).
        Case(text: "详见 www.shop.com.", found: ["web-address:www.shop.com@4"]),
        Case(text: "付款 http://203.0.113.5/pay", found: ["web-address:http://203.0.113.5/pay@4"]),
        Case(text: "电话138.1234.5678", found: ["mobile-number:138******5678@3"]),
        Case(text: "电话138/1234/5678", found: ["mobile-number:138******5678@3"]),
        Case(text: "电话138  1234  5678", found: ["mobile-number:138********5678@3"]),
        Case(text: "电话(138)12345678", found: ["mobile-number:138*****5678@4"]),
        Case(
            text: "两位联系人13812345678 13912345679",
            found: ["mobile-number:138****5678@6", "mobile-number:139****5679@18"]),
        Case(text: "号码110105.19491231.002X", found: ["resident-id:110*************002X@3"]),
        Case(text: "号码1101051949\n1231002X", found: ["resident-id:110************002X@3"]),
        Case(text: "号码110105—19491231—002X", found: ["resident-id:110*************002X@3"]),
        Case(text: "请访问淘宝.com", found: ["web-address:请访问淘宝.com@1"]),
        Case(text: "请访问shop.com购买", found: ["web-address:shop.com@4"]),
        Case(text: "见 xn--fiqs8s.xn--55qx5d", found: ["web-address:xn--fiqs8s.xn--55qx5d@3"]),
        Case(text: "见 evil.international", found: ["web-address:evil.international@3"]),
        Case(text: "年终促·销，领红-包", found: ["commercial:促销@3", "commercial:红包@8"]),
        // The second review's list.
        Case(text: "详见http://shop.com.了解", found: ["web-address:http://shop.com@3"]),
        Case(text: "访问shop.com.了解", found: ["web-address:shop.com@3"]),
        Case(text: "见 http://localhost:8080", found: ["web-address:http://localhost:8080@3"]),
        Case(text: "见 ftp://shop.com", found: ["web-address:ftp://shop.com@3"]),
        Case(text: "访问203.0.113.5", found: ["web-address:203.0.113.5@3"]),
        Case(text: "详见www。shop。com了解", found: ["web-address:www。shop。com@3"]),
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
        // Official wording that once tripped the rules.
        "让群众办事不再一波三折。",
        "请领取三折页宣传资料。",
        "窗口服务不打折，标准不降低。",
        "廉政提醒：工作人员不收受红包礼金",
        "办理居住证只需携带身份证，工本费10元。",
        "实行限时办结制度，工本费20元",
        "只要材料齐全，复印每页0.5元",
        "符合条件的小微企业可享受优惠",
        "开放时间 2026.11.25—2026.12.31，每日 9:00-17:00",
        "咨询电话 020-83123456 转 8001",
        "下载《办事指南.pdf》",
        "下载“表格.xls”填写",
        "请使用粤商通.APP办理",
        "医保电子凭证.net版上线",
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
