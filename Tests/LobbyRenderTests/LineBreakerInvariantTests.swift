import LobbyTestSupport
import Testing

@testable import LobbyRender

/// The line breaker's promises (issue 22), checked on the layout result: characters are never
/// reordered or dropped (only white space at a break is consumed), closing marks never start a
/// line, opening marks never end one, and words and numbers are split only when one alone is
/// wider than a line. The oracle below is written from those rules, not from the breaker's code.
@Suite("Line breaking: order and 禁则")
struct LineBreakerInvariantTests {
    func lines(_ text: String, width: Int) -> [String] {
        LineBreaker(maxWidth: width, advance: LineBreakerTests.advance).lines(text).map(\.text)
    }

    // MARK: The reported cases, each once

    @Test(
        "brackets, quotes and spaces keep their order on one line",
        arguments: ["气温（℃）：25", "增长率(%)", "他说“…”然后", "x() y", "（注：）", "“” ”“"])
    func orderOnOneLine(text: String) {
        #expect(lines(text, width: 400) == [text])
    }

    @Test("an opening quote before a newline stays on its line")
    func quoteBeforeNewline() {
        #expect(lines("请注意“\n请勿吸烟”", width: 400) == ["请注意“", "请勿吸烟”"])
    }

    @Test("leading spaces of a paragraph are kept, in page mode as in scroll mode")
    func leadingSpaces() {
        #expect(lines("  欢迎\n  光临", width: 400) == ["  欢迎", "  光临"])
    }

    @Test("a bracketed phone number wider than the line is split, and no line starts with its comma")
    func narrowPhoneNumber() {
        let result = lines("电话（0763-3361234），谢谢", width: 96)
        #expect(result.joined() == "电话（0763-3361234），谢谢")
        #expect(
            result.allSatisfy { !($0.first.map { CharacterClass.closing.contains($0.unicodeScalars.first!) } ?? false) }
        )
        #expect(result.first == "电话")
    }

    @Test("a closing mark after a space does not start a line")
    func closingAfterSpace() {
        let result = lines("请拨打服务热线 ，谢谢", width: 112)
        #expect(!result.contains { $0.hasPrefix("，") }, "\(result)")
    }

    @Test(
        "numbers, amounts, web addresses and area codes stay whole when they fit",
        arguments: [
            ("号码１２３４５", 96, ["号码", "１２３４５"]),
            ("网址http://www.gdzwfw.gov.cn", 192, ["网址", "http://www.gdzwfw.gov.cn"]),
            ("价格￥100.00", 72, ["价格", "￥100.00"]),
            ("电话（0763）3361234", 120, ["电话", "（0763）3361234"]),
            ("日期2026年11月30日", 112, ["日期", "2026年11月30日"]),
        ])
    func staysWhole(text: String, width: Int, expected: [String]) {
        #expect(lines(text, width: width) == expected)
    }

    @Test("CR LF and a lone CR end a line, like LF, and so do the Unicode line and paragraph separators")
    func carriageReturns() {
        #expect(lines("上午\r\n下午\r晚上", width: 400) == ["上午", "下午", "晚上"])
        #expect(lines("上午\u{2028}下午\u{2029}晚上", width: 400) == ["上午", "下午", "晚上"])
    }

    @Test("the breaker's quick class lookup (ASCII table, ideograph shortcut) agrees with the definitions")
    func classTable() {
        for value in Array(0..<0x80) + Array(0x4E00...0x9FFF) as [UInt32] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if BreakClass(scalar) != BreakClass.classify(scalar) {
                Issue.record("U+\(String(value, radix: 16, uppercase: true)): quick lookup differs")
                return
            }
        }
    }

    // MARK: Found by review after the rewrite

    @Test(
        "web addresses with queries, signed numbers and full-width dates and phone numbers stay whole",
        arguments: [
            ("甲乙丙丁http://a.cn/x?id=12&k=v", 224, ["甲乙丙丁", "http://a.cn/x?id=12&k=v"]),
            ("甲乙丙丁戊温度-5℃", 64, ["甲乙丙丁", "戊温度", "-5℃"]),
            ("温度-5℃到+10℃", 48, ["温度", "-5℃到", "+10℃"]),
            ("甲乙丙丁戊约-5.5万元", 64, ["甲乙丙丁", "戊约-5.5", "万元"]),
            ("甲乙丙丁戊日期２０２６－１０－０１", 192, ["甲乙丙丁戊日期", "２０２６－１０－０１"]),
            ("甲乙丙丁戊电话０７５５－１２３", 192, ["甲乙丙丁戊电话", "０７５５－１２３"]),
        ])
    func staysWholeToo(text: String, width: Int, expected: [String]) {
        #expect(lines(text, width: width) == expected)
    }

    @Test(
        "a number that fits but not with the mark after it is cut after its hyphen, not mid-digit",
        arguments: [
            ("热线电话：0763-3361234，欢迎来电。", ["热线电话：", "0763-", "3361234，欢", "迎来电。"]),
            ("时间08:20-09:30。", ["时间", "08:20-", "09:30。"]),
        ])
    func cutAfterHyphen(text: String, expected: [String]) {
        #expect(lines(text, width: 96) == expected)
    }

    @Test(
        "a time range with an en dash stays whole, and a line never starts with the dash",
        arguments: [192, 176, 128])
    func enDashRange(width: Int) {
        let text = "办理时间为工作日上午08:20–12:00，下午14:20–17:30"
        let result = lines(text, width: width)
        #expect(!result.contains { $0.hasPrefix("–") }, "\(result)")
        #expect(result.contains { $0.contains("08:20–12:00") } && result.contains { $0.contains("14:20–17:30") })
        // A range that fills the line alone, with the comma that clings to it, is cut after its dash.
        #expect(lines("上午08:20–12:00，下午", width: 96) == ["上午", "08:20–", "12:00，下午"])
    }

    @Test("a no-break space never breaks, on either side")
    func noBreakSpace() {
        #expect(lines("共计5\u{00A0}km路程", width: 56) == ["共计", "5\u{00A0}km路", "程"])
        #expect(lines("共计5\u{202F}km", width: 48) == ["共计", "5\u{202F}km"])
        // A chain of no-break spaces too wide for a line is cut at one of them, not inside the
        // number, and the cut leaves no closing mark at a line's start.
        let amount = lines("合计\u{00A0}￥1,234.56\u{00A0}元", width: 96)
        #expect(amount.contains { $0.contains("￥1,234.56") }, "\(amount)")
        let comma = lines("理\u{00A0}请\u{00A0}，年", width: 48)
        #expect(!comma.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("，") }, "\(comma)")
    }

    @Test(
        "an address wider than the line is cut after its slashes or hyphen, not after a letter",
        arguments: [
            ("http://www.gdzwfw.gov.cn", 96, ["http://", "www.gdzwfw.g", "ov.cn"]),
            ("E-mail:a@b.cn", 64, ["E-", "mail:a@", "b.cn"]),
        ])
    func cutAfterSlash(text: String, width: Int, expected: [String]) {
        #expect(lines(text, width: width) == expected)
    }

    @Test("a cut inside a run never leaves an opening mark at a line's end, also before a space")
    func openingBeforeSpace() {
        let result = lines("请（ 中—", width: 40)
        #expect(!result.contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix("（") }, "\(result)")
    }

    @Test("a run of closing marks longer than a line is cut where it stops fitting, not into single characters")
    func closingRun() {
        #expect(lines("说明：。。。。。。。。。。。。。。", width: 192) == ["说", "明：。。。。。。。。。。", "。。。。"])
        #expect(lines("甲乙丙。」』", width: 48) == ["甲乙", "丙。」", "』"])
    }

    // MARK: The property

    @Test("1,000 random texts on wide and narrow panels keep every promise")
    func randomTexts() {
        var random = SplitMix64(seed: 22)
        let widths = [400, 160, 96, 64]
        for round in 0..<1_000 {
            let text = Self.randomText(&random)
            let width = widths[round % widths.count]
            let result = lines(text, width: width)
            if let problem = Self.check(text, result, width: width) {
                Issue.record("\(problem)\ntext: \(text.debugDescription)\nwidth \(width): \(result)")
                return
            }
        }
    }

    /// Tokens as a hall's notices use them; punctuation never more than two in a row, so that
    /// a line of 64 dots (four CJK characters) can always obey 禁则.
    static func randomText(_ random: inout SplitMix64) -> String {
        let cjk = Array("政务服务中心欢迎您请取号办理业务热线")
        let closing = Array("，。、；：？！）》」』”")
        let opening = Array("（《「『“")
        var text = ""
        var punctuation = 0
        for _ in 0..<Int.random(in: 0...40, using: &random) {
            let kind = Int.random(in: 0...9, using: &random)
            // Closing marks not right after white space either (a named test covers `热线 ，`).
            let afterSpace = text.unicodeScalars.last.map { $0 == " " || $0 == "\t" || $0 == "\u{3000}" } ?? false
            if kind >= 7 && punctuation < 2 && !(kind != 9 && afterSpace) {
                text.append((kind == 9 ? opening : closing).randomElement(using: &random)!)
                punctuation += 1
                continue
            }
            // White space does not end a run of punctuation: `』 %` cannot be broken either.
            switch kind {
            case 0, 1, 2:
                text.append(cjk.randomElement(using: &random)!)
                punctuation = 0
            case 3:
                text += String(
                    (0..<Int.random(in: 1...5, using: &random)).map { _ in "0123456789".randomElement(using: &random)! }
                )
                punctuation = 0
            case 4:
                text += String(
                    (0..<Int.random(in: 1...5, using: &random)).map { _ in "abcXYZ".randomElement(using: &random)! })
                punctuation = 0
            case 5 where punctuation < 2:
                let token = ["１２", "３", "(", ")", "%"].randomElement(using: &random)!
                text += token
                punctuation = token.unicodeScalars.first!.properties.numericType == nil ? punctuation + 1 : 0
            case 5:
                text += "３"
                punctuation = 0
            default:
                // Not after punctuation: `( word)；` or `欢 ）　 ）` has no legal break at all on a
                // narrow panel, and then no layout can keep every rule.
                guard punctuation == 0 else { continue }
                text += [" ", "\t", "\n", "  ", "\u{3000}"].randomElement(using: &random)!
            }
        }
        return text
    }

    /// The first promise `lines` breaks for `text`, or nil.
    static func check(_ text: String, _ lines: [String], width: Int) -> String? {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\u{3000}" }
        let isClosing: (Unicode.Scalar) -> Bool = { CharacterClass.closing.contains($0) }
        let isOpening: (Unicode.Scalar) -> Bool = { CharacterClass.opening.contains($0) }
        let isAlphanumeric: (Unicode.Scalar) -> Bool = { scalar in
            scalar.isASCII && scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || [0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A].contains { $0.contains(scalar.value) }
        }
        // Order: the lines are the text (tabs drawn as spaces), less only spaces at a break and
        // the one newline that forced it.
        let expected = Array(text.replacingOccurrences(of: "\t", with: " ").unicodeScalars)
        var position = 0
        var startsParagraph = [true]
        var afterSpace = [false]
        for (index, line) in lines.enumerated() {
            if index > 0 {
                let before = position
                while position < expected.count, isSpace(expected[position]) { position += 1 }
                afterSpace.append(position > before)
                let hard = position < expected.count && expected[position] == "\n"
                if hard { position += 1 }
                startsParagraph.append(hard)
            }
            for scalar in line.unicodeScalars {
                guard position < expected.count, expected[position] == scalar else {
                    return "line \(index + 1) is not the text in order at character \(position + 1)"
                }
                position += 1
            }
        }
        guard expected[position...].allSatisfy(isSpace) else { return "characters after the last line were dropped" }
        for (index, line) in lines.enumerated() {
            let scalars = Array(line.unicodeScalars)
            if let first = scalars.first, isClosing(first), !startsParagraph[index] {
                return "line \(index + 1) starts with the closing mark \(first)"
            }
            let endsParagraph = index + 1 == lines.count || startsParagraph[index + 1]
            if let last = scalars.last, isOpening(last), !endsParagraph {
                return "line \(index + 1) ends with the opening mark \(last)"
            }
            // A word or number is split only where it alone filled the line it starts.
            if index + 1 < lines.count, !startsParagraph[index + 1], !afterSpace[index + 1], let last = scalars.last,
                let next = lines[index + 1].unicodeScalars.first, isAlphanumeric(last), isAlphanumeric(next)
            {
                let alone = scalars.drop(while: isOpening).allSatisfy {
                    isAlphanumeric($0) || CharacterClass.isJoiner($0)
                }
                if !alone { return "line \(index + 1) splits the word or number it ends with, which fits a line" }
            }
        }
        return nil
    }
}
