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
        self.allowedNumbers = allowedNumbers.map { String($0.filter(\.isASCIIDigit)) }
    }

    /// Every finding in `text`, in the order of the text.
    public func findings(in text: String) -> [Finding] {
        let folded = MappedText(text, folding: true)
        let plain = MappedText(text, folding: false)
        let found = commercial(folded) + prices(folded) + webAddresses(plain) + numbers(plain)
        return found.sorted { ($0.offset, $0.rule.rawValue) < ($1.offset, $1.rule.rawValue) }
    }

    // MARK: Commercial advertising

    private static let promotion = [
        "仅需", "只需", "只要", "低至", "原价", "现价", "特价", "立减", "立省", "秒杀", "包邮", "起售", "优惠价", "限时", "抢购", "到手价",
        "券后",
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
        // 八折, 8.5折, 七五折: a numeral right before 折, not 折叠, 折旧, 折合, 折射, 折算.
        let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "两", "半"]
        let characters = text.characters
        for index in characters.indices where characters[index] == "折" && index > 0 {
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            guard !"叠旧合射算返".contains(next) else { continue }
            var start = index
            while start > 0
                && (numerals.contains(characters[start - 1]) || characters[start - 1].isASCIIDigit
                    || (characters[start - 1] == "." && start > 1 && characters[start - 2].isASCIIDigit))
            {
                start -= 1
            }
            if start < index {
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
        let characters = text.characters.map { Character($0.lowercased()) }
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
            let token = String(characters[index..<end])
            if let host = Self.host(in: token), !isAllowed(host: host) {
                found.append(Finding(rule: .webAddress, match: text.written(index..<end), offset: text.origin(index)))
            }
            index = end
        }
        return found
    }

    private static func isHostCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }

    /// The host of `token` when it reads as a web address: `https://x.y/…`, `www.x.y` or `x.com`,
    /// its last label letters only (`8.5`, `v1.2` and `12:00` are not hosts).
    static func host(in token: String) -> String? {
        var rest = Substring(token)
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        let host = rest.prefix { $0 != "/" && $0 != ":" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let last = labels.last,
            (2...10).contains(last.count), last.allSatisfy(\.isLetter)
        else { return nil }
        return String(host)
    }

    private func isAllowed(host: String) -> Bool {
        allowedDomains.contains { host == $0 || host.hasSuffix(".\($0)") }
    }

    // MARK: Numbers

    /// Runs of digits, joined across one space or hyphen (`138 1234 5678`), an 18th `X` kept.
    private func numbers(_ text: MappedText) -> [Finding] {
        let characters = text.characters
        var found: [Finding] = []
        var index = 0
        while index < characters.count {
            guard characters[index].isASCIIDigit, index == 0 || !characters[index - 1].isASCIIDigit else {
                index += 1
                continue
            }
            var digits = ""
            var end = index
            while end < characters.count {
                if characters[end].isASCIIDigit {
                    digits.append(characters[end])
                } else if (characters[end] == " " || characters[end] == "-") && end + 1 < characters.count
                    && characters[end + 1].isASCIIDigit
                {
                    // a separator inside the number
                } else if (characters[end] == "X" || characters[end] == "x") && digits.count == 17 {
                    digits.append("X")
                    end += 1
                    break
                } else {
                    break
                }
                end += 1
            }
            if let rule = Self.classify(digits), !allowedNumbers.contains(digits.filter(\.isASCIIDigit)) {
                let written = text.written(index..<end)
                found.append(
                    Finding(
                        rule: rule, match: rule.isPersonal ? Self.masked(written) : written, offset: text.origin(index))
                )
            }
            index = end
        }
        return found
    }

    /// Which rule a run of digits breaks, if any.
    static func classify(_ digits: String) -> Rule? {
        if isResidentID(digits) { return .residentID }
        guard digits.allSatisfy(\.isASCIIDigit) else { return nil }
        let national = digits.count == 13 && digits.hasPrefix("86") ? String(digits.dropFirst(2)) : digits
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
    private let end: Int
    private let original: [Unicode.Scalar]

    init(_ text: String, folding: Bool) {
        original = Array(text.unicodeScalars)
        var offset = 0
        for character in text {
            let piece =
                folding
                ? TextFolding.folded(String(character)) : String(character).precomposedStringWithCompatibilityMapping
            for normalized in piece {
                characters.append(normalized)
                origins.append(offset)
            }
            offset += character.unicodeScalars.count
        }
        end = offset
    }

    /// Where character `index` came from, in Unicode scalars of the original text.
    func origin(_ index: Int) -> Int {
        index < origins.count ? origins[index] : end
    }

    /// Characters `range` as the original text wrote them (`￥`, `１３８`, `特價`).
    func written(_ range: Range<Int>) -> String {
        let end = range.upperBound < origins.count ? origins[range.upperBound] : self.end
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
