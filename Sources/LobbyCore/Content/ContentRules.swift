import Foundation

/// The content-safety rules every item's text passes: no commercial advertising, no web address
/// outside the allowed domains, no personal data (resident ID numbers, mobile numbers, bank
/// cards). Each rule has a name, a reason in the hall's words (`Messages.Content`) and an
/// allow-list in `[content]` for the official wording or public number it would otherwise
/// catch. Pure: text in, findings out (`ContentRulesTests` holds the corpus).
public struct ContentRules: Sendable, Equatable {
    public enum Rule: String, Sendable, CaseIterable {
        /// Words and patterns of shop advertising: 特价, 促销, 红包, 扫码关注, 八折, 8.5折…
        case commercial
        /// A price in promotional words: 仅需99元, 低至￥19.9.
        case price
        /// A 400 or 800 business number.
        case premiumNumber = "premium-number"
        /// A web address whose host is not in `allowedDomains`.
        case webAddress = "web-address"
        /// An 18-digit resident ID number whose check digit is right.
        case residentID = "resident-id"
        /// A mainland mobile number.
        case mobileNumber = "mobile-number"
        /// A bank card number (16–19 digits of a card scheme passing the Luhn check).
        case bankCard = "bank-card"

        /// Where a hall lists what this rule must let through.
        public var allowList: String {
            switch self {
            case .commercial, .price: "allowed_phrases"
            case .webAddress: "allowed_domains"
            case .premiumNumber, .residentID, .mobileNumber, .bankCard: "allowed_numbers"
            }
        }

        /// Whether what it finds is personal data, shown masked in reasons and logs.
        public var isPersonal: Bool { self == .residentID || self == .mobileNumber || self == .bankCard }
    }

    /// One thing a rule found: what, and where in the text (offset in Unicode scalars).
    public struct Finding: Sendable, Equatable {
        public var rule: Rule
        /// As written, personal data masked (`138****5678`).
        public var match: String
        public var offset: Int
    }

    /// Words of commercial advertising (`[content] forbidden_terms`), compared folded.
    public var terms: [String]
    /// Official wording that contains such a word (`优惠政策`): not advertising.
    public var allowedPhrases: [String]
    /// Hosts allowed in web addresses, with their subdomains (`gov.cn`).
    public var allowedDomains: [String]
    /// Public numbers allowed as they are (12345, the hall's own phones), digits only.
    public var allowedNumbers: [String]

    public init(terms: [String], allowedPhrases: [String], allowedDomains: [String], allowedNumbers: [String]) {
        self.terms = terms
        self.allowedPhrases = allowedPhrases
        self.allowedDomains = allowedDomains.map { $0.lowercased() }
        self.allowedNumbers = allowedNumbers.map { Self.national(String($0.filter(\.isASCIIDigit))) }
    }

    /// Every finding in `text`, in the order of the text.
    public func findings(in text: String) -> [Finding] {
        let folded = MappedText(text, folding: true)
        let plain = MappedText(text, folding: false)
        let found = commercial(folded) + prices(folded) + webAddresses(plain) + numbers(plain)
        return found.sorted { ($0.offset, $0.rule.rawValue) < ($1.offset, $1.rule.rawValue) }
    }

    // MARK: Commercial advertising

    /// Words that make a price an offer. Not 只需, 只要, 仅需, 限时: notices say 只需携带身份证
    /// and 限时办结 of a fee too.
    private static let promotion = [
        "低至", "原价", "现价", "特价", "特惠", "立减", "立省", "秒杀", "包邮", "起售", "优惠价", "抢购", "到手价", "券后", "折后",
    ]

    private func commercial(_ text: MappedText) -> [Finding] {
        let allowed = allowedPhrases.flatMap { text.ranges(of: TextFolding.folded($0)) }
        var found: [Finding] = []
        for term in terms {
            for range in text.ranges(of: TextFolding.folded(term))
            where !allowed.contains(where: { $0.contains(range.lowerBound) && $0.contains(range.upperBound - 1) }) {
                found.append(Finding(rule: .commercial, match: term, offset: text.origin(range.lowerBound)))
            }
        }
        // 八折, 8.5折, 七五折: a numeral right before 折, not 折叠, 折旧, 折合, 折射, 折算, 三折页, 一波三折.
        let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "两", "半"]
        let characters = text.characters
        for index in characters.indices where characters[index] == "折" && index > 0 {
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            guard !"叠旧合射算返页".contains(next) else { continue }
            var start = index
            while start > 0
                && (numerals.contains(characters[start - 1]) || characters[start - 1].isASCIIDigit
                    || (characters[start - 1] == "." && start > 1 && characters[start - 2].isASCIIDigit))
            {
                start -= 1
            }
            if start < index, start == 0 || characters[start - 1] != "波" {
                found.append(
                    Finding(rule: .commercial, match: text.written(start..<(index + 1)), offset: text.origin(start)))
            }
        }
        return found
    }

    /// A price (`￥19.9`, `99元`) in an item that also uses promotional words.
    private func prices(_ text: MappedText) -> [Finding] {
        guard Self.promotion.contains(where: { !text.ranges(of: $0).isEmpty }) else { return [] }
        let characters = text.characters
        for index in characters.indices {
            let isCurrency = characters[index] == "￥" || characters[index] == "¥"
            if isCurrency, index + 1 < characters.count, characters[index + 1].isASCIIDigit {
                var end = index + 1
                while end < characters.count && (characters[end].isASCIIDigit || characters[end] == ".") { end += 1 }
                return [Finding(rule: .price, match: text.written(index..<end), offset: text.origin(index))]
            }
            if characters[index] == "元", index > 0, characters[index - 1].isASCIIDigit {
                var start = index - 1
                while start > 0 && (characters[start - 1].isASCIIDigit || characters[start - 1] == ".") { start -= 1 }
                return [Finding(rule: .price, match: text.written(start..<(index + 1)), offset: text.origin(start))]
            }
        }
        return []
    }

    // MARK: Web addresses

    private func webAddresses(_ text: MappedText) -> [Finding] {
        var characters = text.characters.map { Character($0.lowercased()) }
        // www。shop。com: a browser reads the ideographic full stop between letters as a dot.
        for index in characters.indices.dropFirst().dropLast()
        where characters[index] == "。"
            && characters[index - 1].isASCII && characters[index - 1].isLetter
            && characters[index + 1].isASCII && characters[index + 1].isLetter
        {
            characters[index] = "."
        }
        var found: [Finding] = []
        var index = 0
        while index < characters.count {
            guard Self.isHostCharacter(characters[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count
                && (Self.isHostCharacter(characters[end]) || characters[end] == "." || characters[end] == ":"
                    || characters[end] == "/")
            {
                end += 1
            }
            if let address = Self.address(in: Array(characters[index..<end])), !isAllowed(host: address.host) {
                let range = (index + address.range.lowerBound)..<(index + address.range.upperBound)
                found.append(
                    Finding(rule: .webAddress, match: text.written(range), offset: text.origin(range.lowerBound)))
            }
            index = end
        }
        return found
    }

    /// A letter or digit of any script, or `-`: 淘宝.com is an address too.
    private static func isHostCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-"
    }

    /// The web address in a run of host characters, dots, colons and slashes, as the text
    /// around it lets it be read: `https://x.y/…` (any host after a scheme, `localhost` too),
    /// `www.x.y`, `x.com` (also `x.com.`, `x.com.了解`, `请访问x.com`, `x.com购买`, `…www.x.com`), an
    /// IPv4 address, and `淘宝.com`. A name's last label is ASCII letters or punycode (`8.5`,
    /// `v1.2` and `12:00` are not hosts); a name in Chinese only counts with a web ending that
    /// the text does not run on from (`办事指南.pdf`, `粤商通.APP`, `凭证.net版` are not addresses).
    static func address(in token: [Character]) -> (range: Range<Int>, host: String)? {
        var start = 0
        var schemed = false
        let text = String(token)
        var from = 0
        for scheme in ["https://", "http://", "ftp://"] {
            if let found = text.range(of: scheme) {
                from = text.distance(from: text.startIndex, to: found.lowerBound)
                start = text.distance(from: text.startIndex, to: found.upperBound)
                schemed = true
                break
            }
        }
        var hostEnd = start
        while hostEnd < token.count && token[hostEnd] != "/" && token[hostEnd] != ":" { hostEnd += 1 }
        // Labels with their positions; an empty one (an ellipsis, `..`) cuts off what came before.
        var labels: [Range<Int>] = []
        var labelStart = start
        for position in start...hostEnd where position == hostEnd || token[position] == "." {
            if position == labelStart {
                if position < hostEnd { labels = [] }
            } else {
                labels.append(labelStart..<position)
            }
            labelStart = position + 1
        }
        // `x.com.了解`: a last label without ASCII is the text running on, not part of the name.
        while labels.count > 2, let last = labels.last, !token[last].contains(where: \.isASCII) {
            labels.removeLast()
        }
        if schemed && labels.count < 2 {
            // After a scheme anything is an address: `http://localhost`, `http://shop了解`.
            // With its port and path, unless the text runs on in Chinese (`http://shop了解`).
            let name = labels.first.map { first in first.lowerBound + token[first].prefix(while: \.isASCII).count }
            let end = name.map { $0 < labels[0].upperBound ? $0 : token.count } ?? token.count
            return (from..<end, String(token[start..<(name ?? hostEnd)]))
        }
        guard labels.count >= 2, var first = labels.first, var last = labels.last else { return nil }
        let chineseName = token[first].allSatisfy { !$0.isASCII }
        // 请访问shop.com: the name starts where its ASCII does, unless it has none (淘宝.com).
        if !chineseName {
            while !token[first.lowerBound].isASCII { first = (first.lowerBound + 1)..<first.upperBound }
        }
        // shop.com购买: the name ends where its last label's letters do.
        let letters = token[last].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        let truncated = letters.count < last.count
        last = last.lowerBound..<(last.lowerBound + letters.count)
        labels[0] = first
        labels[labels.count - 1] = last
        let parts = labels.map { String(token[$0]) }
        let host = parts.joined(separator: ".")
        let followed = !truncated && hostEnd < token.count
        let end = followed ? token.count : last.upperBound
        if !schemed { from = first.lowerBound }
        if parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && UInt8($0) != nil }) {
            return (from..<end, host)
        }
        let tld = parts[parts.count - 1]
        guard parts.allSatisfy({ !$0.isEmpty }),
            tld.hasPrefix("xn--") || ((2...24).contains(tld.count) && tld.allSatisfy { $0.isASCII && $0.isLetter })
        else { return nil }
        if chineseName && !schemed && (truncated || !webEndings.contains(tld)) { return nil }
        return (from..<end, host)
    }

    /// Endings under which a name in Chinese is read as a web address (淘宝.com), not a file.
    static let webEndings: Set<String> = [
        "com", "cn", "net", "org", "top", "xyz", "vip", "shop", "cc", "info", "biz", "site", "online", "club",
        "store", "wang", "ltd",
    ]

    private func isAllowed(host: String) -> Bool {
        allowedDomains.contains { host == $0 || host.hasSuffix(".\($0)") }
    }

    // MARK: Numbers

    /// Characters that may stand between the parts of one number as people write it:
    /// `138 1234 5678`, `138-1234-5678`, `138.1234.5678`, `(138)1234…`, across a line break.
    private static let numberSeparators: Set<Character> = [
        " ", "-", ".", "/", "—", "–", "\n", "(", ")", "（", "）", "·", "_",
    ]

    /// Groups of digits joined across at most two separators; any run of consecutive groups that
    /// reads as a number a rule forbids is a finding (two mobile numbers side by side are two).
    private func numbers(_ text: MappedText) -> [Finding] {
        let characters = text.characters
        var found: [Finding] = []
        var index = 0
        while index < characters.count {
            guard characters[index].isASCIIDigit else {
                index += 1
                continue
            }
            // One run: groups of digits (an `X` may end one) and the separators between them.
            var groups: [(digits: String, start: Int, end: Int)] = []
            var cursor = index
            while cursor < characters.count {
                var digits = ""
                let start = cursor
                while cursor < characters.count && characters[cursor].isASCIIDigit {
                    digits.append(characters[cursor])
                    cursor += 1
                }
                if cursor < characters.count && (characters[cursor] == "X" || characters[cursor] == "x") {
                    digits.append("X")
                    cursor += 1
                }
                groups.append((digits, start, cursor))
                var gap = cursor
                while gap < characters.count && gap - cursor < 2 && Self.numberSeparators.contains(characters[gap]) {
                    gap += 1
                }
                guard gap > cursor, gap < characters.count, characters[gap].isASCIIDigit,
                    !groups.last!.digits.hasSuffix("X")
                else { break }
                cursor = gap
            }
            var first = 0
            while first < groups.count {
                var matched = false
                for last in stride(from: groups.count - 1, through: first, by: -1) {
                    let digits = groups[first...last].map(\.digits).joined()
                    guard let rule = Self.classify(digits) else { continue }
                    if !allowedNumbers.contains(Self.national(digits.filter(\.isASCIIDigit))) {
                        let written = text.written(groups[first].start..<groups[last].end)
                        found.append(
                            Finding(
                                rule: rule, match: rule.isPersonal ? Self.masked(written) : written,
                                offset: text.origin(groups[first].start)))
                    }
                    first = last + 1
                    matched = true
                    break
                }
                if !matched { first += 1 }
            }
            index = max(groups.last?.end ?? index + 1, index + 1)
        }
        return found
    }

    /// `8613812345678` as `13812345678`: a mobile number with the country code is the same number.
    static func national(_ digits: String) -> String {
        digits.count == 13 && digits.hasPrefix("86") ? String(digits.dropFirst(2)) : digits
    }

    /// Which rule a run of digits breaks, if any.
    static func classify(_ digits: String) -> Rule? {
        if isResidentID(digits) { return .residentID }
        guard digits.allSatisfy(\.isASCIIDigit) else { return nil }
        let national = national(digits)
        if national.count == 11, national.first == "1", let second = national.dropFirst().first,
            "3456789".contains(second)
        {
            return .mobileNumber
        }
        if digits.count == 10 && (digits.hasPrefix("400") || digits.hasPrefix("800")) { return .premiumNumber }
        // Card schemes start with 3 (JCB), 4 (Visa), 5 (Mastercard) or 6 (UnionPay): a project
        // number that starts with its year is not taken for a card.
        if (16...19).contains(digits.count), let first = digits.first, "3456".contains(first), passesLuhn(digits) {
            return .bankCard
        }
        return nil
    }

    /// GB 11643: 17 digits, a check character by ISO 7064 MOD 11-2, and a real date of birth.
    public static func isResidentID(_ number: String) -> Bool {
        let characters = Array(number)
        guard characters.count == 18, characters.prefix(17).allSatisfy(\.isASCIIDigit) else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(characters.prefix(17), weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        guard characters[17] == check || (check == "X" && characters[17] == "x") else { return false }
        let birth = String(characters[6..<14])
        guard let year = Int(birth.prefix(4)), (1900...2100).contains(year),
            LocalDate(year: year, month: Int(birth.dropFirst(4).prefix(2)) ?? 0, day: Int(birth.suffix(2)) ?? 0) != nil
        else { return false }
        return true
    }

    /// The Luhn check bank cards carry.
    static func passesLuhn(_ digits: String) -> Bool {
        var sum = 0
        for (position, character) in digits.reversed().enumerated() {
            guard var value = character.wholeNumberValue else { return false }
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// `138****5678`: enough to find it in the text, not enough to read it off a reason file.
    static func masked(_ written: String) -> String {
        let characters = Array(written)
        guard characters.count > 7 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 7)
            + String(characters.suffix(4))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// A text as the rules read it, each character remembering where in the original text (in
/// Unicode scalars) it came from: NFKC-normalised (full-width ６ is 6), and with `folding` the
/// form forbidden terms are compared in (`TextFolding`: no spaces or invisible characters,
/// traditional advertising words simplified).
struct MappedText {
    private(set) var characters: [Character] = []
    private var origins: [Int] = []
    /// Where the original character that gave character `index` ends.
    private var ends: [Int] = []
    private let end: Int
    private let original: [Unicode.Scalar]

    init(_ text: String, folding: Bool) {
        original = Array(text.unicodeScalars)
        var offset = 0
        for character in text {
            var piece =
                folding
                ? TextFolding.folded(String(character)) : String(character).precomposedStringWithCompatibilityMapping
            // 促·销, 红-包: punctuation inside a word is not read (the point of 8.5折 is).
            if folding, piece.count == 1, let scalar = piece.unicodeScalars.first, scalar != ".",
                Self.punctuation.contains(scalar.properties.generalCategory)
            {
                piece = ""
            }
            for normalized in piece {
                characters.append(normalized)
                origins.append(offset)
                ends.append(offset + character.unicodeScalars.count)
            }
            offset += character.unicodeScalars.count
        }
        end = offset
    }

    private static let punctuation: Set<Unicode.GeneralCategory> = [
        .connectorPunctuation, .dashPunctuation, .otherPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .mathSymbol, .otherSymbol,
    ]

    /// Where character `index` came from, in Unicode scalars of the original text.
    func origin(_ index: Int) -> Int {
        index < origins.count ? origins[index] : end
    }

    /// Characters `range` as the original text wrote them (`￥`, `１３８`, `特價`).
    func written(_ range: Range<Int>) -> String {
        let end = range.isEmpty ? origin(range.lowerBound) : ends[range.upperBound - 1]
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: original[origin(range.lowerBound)..<end])
        return String(scalars)
    }

    /// Every place `needle` occurs (character indices).
    func ranges(of needle: String) -> [Range<Int>] {
        let pattern = Array(needle)
        guard !pattern.isEmpty, pattern.count <= characters.count else { return [] }
        return (0...(characters.count - pattern.count)).filter { start in
            characters[start..<(start + pattern.count)].elementsEqual(pattern)
        }.map { $0..<($0 + pattern.count) }
    }
}
