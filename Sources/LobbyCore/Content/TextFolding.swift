import Foundation

/// The form in which people's names and forbidden terms are compared, so that what looks the
/// same to a reader is the same to the check: NFKC (full-width letters and digits become plain
/// ones), lower case, white space of every kind and every invisible character (zero-width
/// space, joiners, byte-order mark, variation selectors, fillers) removed, and traditional characters mapped to simplified
/// ones for the vocabulary of commercial advertising.
public enum TextFolding {
    public static func folded(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            // Invisible: white space, format and control characters, default-ignorable code
            // points (variation selectors, the combining grapheme joiner, Hangul fillers) and
            // the blank braille pattern.
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .control || scalar.properties.isDefaultIgnorableCodePoint
                || scalar == "\u{2800}"
            {
                continue
            }
            result.append(simplified[scalar] ?? scalar)
        }
        return String(result)
    }

    /// Traditional → simplified for the characters of the default forbidden terms and the usual
    /// words of shop advertising (特價促銷, 優惠, 限時搶購, 抽獎, 全網, 紅包, 掃碼關注, 廣告, 免費,
    /// 禮品, 團購, 門店, 點擊). Not a general converter: a hall adding its own terms in
    /// traditional characters should list both forms.
    static let simplified: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs =
            "價价銷销優优時时搶抢購购獎奖網网紅红掃扫碼码關关廣广費费禮礼團团門门點点擊击貨货賣卖買买場场號号"  // lint: not for people (data)
            + "會会員员專专錢钱減减贈赠歡欢儲储額额單单滿满"  // lint: not for people (data)
        let scalars = Array(pairs.unicodeScalars)
        return Dictionary(
            stride(from: 0, to: scalars.count - 1, by: 2).map { (scalars[$0], scalars[$0 + 1]) },
            uniquingKeysWith: { first, _ in first })
    }()
}
