import PropertyBased
import Testing

@testable import LobbyCore

/// `status` sends its last line again while the report is identical (`isIdentical(to:)`),
/// which must tell apart strings that `==` calls equal.
@Suite struct StatusIdentityTests {
    /// Every string a report holds, found by reflection: the independent list.
    static func reflectedStrings(_ value: Any) -> [String] {
        if let string = value as? String { return [string] }
        return Mirror(reflecting: value).children.flatMap { reflectedStrings($0.value) }
    }

    @Test func everyStringOfTheReportIsCompared() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = ControlLineEncoderTests.Random(seed: seed)
            let report = random.status()
            #expect(report.strings == Self.reflectedStrings(report))
        }
    }

    /// Canonically equivalent texts (equal to `==`) are not the same line.
    @Test func equivalentTextsAreNotIdentical() async {
        let pairs = [("caf\u{E9}", "cafe\u{301}"), ("\u{91D1}", "\u{F90A}"), ("\u{212B}", "\u{C5}")]
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var random = ControlLineEncoderTests.Random(seed: seed)
            var report = random.status()
            for (composed, decomposed) in pairs {
                report.maintenance = .init(since: "t", actor: "li", note: composed)
                var changed = report
                changed.maintenance?.note = decomposed
                #expect(changed == report)
                #expect(!changed.isIdentical(to: report) && report.isIdentical(to: report))
                report.overrides = [.init(on: true, from: "a", until: "b", reason: composed, actor: "li")]
                changed = report
                changed.overrides[0].reason = decomposed
                #expect(!changed.isIdentical(to: report))
            }
        }
    }
}
