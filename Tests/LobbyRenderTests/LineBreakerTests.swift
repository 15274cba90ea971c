import Testing

@testable import LobbyRender

/// Line breaking with a synthetic font: CJK and full-width characters are 16 dots, everything
/// else 8, so each expectation can be checked by counting.
@Suite("Line breaking")
struct LineBreakerTests {
    static func advance(_ scalar: Unicode.Scalar) -> Int {
        CharacterClass.isCJK(scalar) || CharacterClass.closing.contains(scalar) && scalar.value > 0x2000
            || CharacterClass.opening.contains(scalar) && scalar.value > 0x2000 ? 16 : 8
    }

    func lines(_ text: String, width: Int) -> [String] {
        LineBreaker(maxWidth: width, advance: Self.advance).lines(text).map(\.text)
    }

    @Test("a line may break between any two CJK characters")
    func cjk() {
        #expect(lines("政务服务中心欢迎您", width: 64) == ["政务服务", "中心欢迎", "您"])
    }

    @Test(
        "closing punctuation never starts a line; it stays with the character before",
        arguments: ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】"])
    func closingPunctuation(mark: String) {
        // Naively "办事指南" would fill the line and the mark would open the next one.
        #expect(lines("办事指南\(mark)请取号", width: 64) == ["办事指", "南\(mark)请取", "号"])
    }

    @Test("opening punctuation never ends a line; it moves down with the character after")
    func openingPunctuation() {
        // Naively "请登录《" would fill the line, leaving the bracket at its end.
        #expect(lines("请登录《粤省事》", width: 64) == ["请登录", "《粤省", "事》"])
    }

    @Test("the 12345 hotline at a line edge moves down whole instead of being split")
    func hotlineAtEdge() {
        // 9 CJK characters = 144 dots; "12345" is 40 more and does not fit in 160.
        #expect(lines("请拨打政务服务热线12345咨询", width: 160) == ["请拨打政务服务热线", "12345咨询"])
    }

    @Test(
        "phone numbers, dates, times and web addresses stay whole",
        arguments: ["0755-12345678", "2026-10-01", "08:20", "www.gdzwfw.gov.cn", "12,345"])
    func wordsStayWhole(word: String) {
        let result = lines("电话\(word)", width: word.count * 8 + 8)
        #expect(result == ["电话", word])
    }

    @Test("a word longer than a whole line is split, never dropped")
    func longWord() {
        #expect(lines("ABCDEFGHIJ", width: 32) == ["ABCD", "EFGH", "IJ"])
    }

    @Test("spaces break lines and vanish at the line end; a newline forces a break")
    func spacesAndNewlines() {
        #expect(lines("Hall open 08:20", width: 72) == ["Hall open", "08:20"])
        #expect(lines("上午\n下午", width: 200) == ["上午", "下午"])
        #expect(lines("", width: 100) == [""])
    }

    @Test("a sentence's final full stop joins the word before it, not the next word")
    func sentenceEnd() {
        #expect(lines("Open now. Welcome", width: 80) == ["Open now.", "Welcome"])
    }
}
