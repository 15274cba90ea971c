/// Breaks Chinese and mixed text into lines that fit a width, the way a typesetter would.
///
/// One invariant holds by construction: the lines, read in order, are the input's characters in
/// order, less only the white space consumed where a line breaks (a tab is drawn as a space). The
/// breaker never moves a character; it only decides between which two characters a line may
/// end. Those decisions (`BreakRules`) follow UAX #14's shape with the Chinese rules (行首/行尾禁则)
/// on top:
/// - `\n` (also `\r\n` and `\r`) forces a break;
/// - a line may break between any two CJK characters, and after white space;
/// - closing punctuation (，。、；：？！）》」』】” …) never starts a line and opening punctuation
///   (（《「『【“ …) never ends one, also after a space;
/// - words and numbers stay whole: Latin words, ASCII and full-width digits, numbers with their
///   joiners (0755-12345678, 12,345, 08:20, 2026-10-01, 2026年11月30日), web addresses
///   (http://www.gdzwfw.gov.cn), amounts with a currency sign (￥100.00) and area codes in
///   brackets ((0763)3361234);
/// - a run wider than a whole line is split where it stops fitting, moved back so that the next
///   line does not start with a closing mark and this one does not end with an opening mark.
///
/// Pure: widths come from the caller, so the rules are tested without a font.
public struct LineBreaker {
    /// One line: its characters and its width in dots.
    public struct Line: Sendable, Equatable {
        public var scalars: [Unicode.Scalar]
        public var width: Int

        public var text: String { String(String.UnicodeScalarView(scalars)) }
    }

    public let maxWidth: Int
    public let advance: (Unicode.Scalar) -> Int

    public init(maxWidth: Int, advance: @escaping (Unicode.Scalar) -> Int) {
        self.maxWidth = maxWidth
        self.advance = advance
    }

    public func lines(_ text: String) -> [Line] {
        var lines: [Line] = []
        for paragraph in BreakRules.paragraphs(of: text) {
            lines += fill(paragraph)
        }
        return lines.isEmpty ? [Line(scalars: [], width: 0)] : lines
    }

    /// Greedy filling of one paragraph (no forced breaks inside), segment by segment.
    private func fill(_ scalars: [Unicode.Scalar]) -> [Line] {
        var lines: [Line] = []
        var current = Line(scalars: [], width: 0)
        func finish() {
            // White space at a break is consumed; it is never carried to the next line.
            while let last = current.scalars.last, BreakRules.isSpace(last) {
                current.scalars.removeLast()
                current.width -= advance(last)
            }
            lines.append(current)
            current = Line(scalars: [], width: 0)
        }
        for segment in BreakRules.segments(of: scalars) {
            let piece = Array(scalars[segment])
            let trailing = piece.reversed().prefix(while: BreakRules.isSpace).count
            let visible = piece.dropLast(trailing).reduce(0) { $0 + advance($1) }
            let width = piece.reduce(0) { $0 + advance($1) }
            if !current.scalars.isEmpty && current.width + visible > maxWidth { finish() }
            if current.scalars.isEmpty && visible > maxWidth {
                for part in split(piece) {
                    if !current.scalars.isEmpty { finish() }
                    current = part
                }
                continue
            }
            current.scalars += piece
            current.width += width
        }
        if !current.scalars.isEmpty || lines.isEmpty { finish() }
        return lines
    }

    /// A segment wider than a whole line, cut where it stops fitting; each cut is moved back
    /// (keeping at least one character per line) so that no line starts with a closing mark or
    /// ends with an opening mark.
    private func split(_ scalars: [Unicode.Scalar]) -> [Line] {
        var parts: [Line] = []
        var start = 0
        while start < scalars.count {
            // White space where a cut falls is consumed, as at any break.
            if !parts.isEmpty {
                while start < scalars.count, BreakRules.isSpace(scalars[start]) { start += 1 }
                guard start < scalars.count else { break }
            }
            var end = start
            var width = 0
            while end < scalars.count, end == start || width + advance(scalars[end]) <= maxWidth {
                width += advance(scalars[end])
                end += 1
            }
            // Looked at past the white space the cut will consume.
            func startsWithClosing(_ position: Int) -> Bool {
                var visible = position
                while visible < scalars.count, BreakRules.isSpace(scalars[visible]) { visible += 1 }
                return visible < scalars.count && BreakRules.isClosing(scalars[visible])
            }
            var cut = end
            while cut < scalars.count, cut - 1 > start,
                startsWithClosing(cut) || BreakRules.isOpening(scalars[cut - 1])
            {
                cut -= 1
            }
            let part = Array(scalars[start..<cut])
            parts.append(Line(scalars: part, width: part.reduce(0) { $0 + advance($1) }))
            start = cut
        }
        return parts
    }
}

/// Where a line may break: the classes of UAX #14 that a hall's text uses, reduced to rules
/// between two neighbours, with the Chinese rules on top.
enum BreakRules {
    /// The text's paragraphs: split at `\n`, `\r\n` and `\r`; tabs become spaces.
    static func paragraphs(of text: String) -> [[Unicode.Scalar]] {
        var paragraphs: [[Unicode.Scalar]] = [[]]
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r": continue
            case "\n", "\r": paragraphs.append([])
            case "\t": paragraphs[paragraphs.count - 1].append(" ")
            default: paragraphs[paragraphs.count - 1].append(scalar)
            }
        }
        return paragraphs
    }

    /// The paragraph cut at every break opportunity: each segment is a range that must stay on
    /// one line if it can, spaces after it included.
    static func segments(of scalars: [Unicode.Scalar]) -> [Range<Int>] {
        guard !scalars.isEmpty else { return [] }
        let glued = wordRuns(scalars)
        var segments: [Range<Int>] = []
        var start = 0
        for index in 1..<scalars.count where canBreak(scalars, before: index, glued: glued) {
            segments.append(start..<index)
            start = index
        }
        segments.append(start..<scalars.count)
        return segments
    }

    /// Whether a line may end between `scalars[index - 1]` and `scalars[index]`.
    static func canBreak(_ scalars: [Unicode.Scalar], before index: Int, glued: [Bool]) -> Bool {
        let before = scalars[index - 1]
        let after = scalars[index]
        if isSpace(after) { return false }  // spaces stay with what they follow
        if isClosing(after) { return false }  // 行首禁则, also after a space
        // 行尾禁则, also before a space: `《 热` does not break after the bracket either.
        var visible = index - 1
        while visible > 0, isSpace(scalars[visible]) { visible -= 1 }
        if isOpening(scalars[visible]) { return false }
        // Adjacent scalars of word runs are one run: runs are maximal, so two never touch.
        if glued[index - 1] && glued[index] { return false }
        if isDigit(before) && isDateUnit(after) { return false }  // 2026年, 30日, 8时
        if isDateUnit(before) && isDigit(after) && "年月".unicodeScalars.contains(before) { return false }
        if isCurrency(before) && isDigit(after) { return false }  // ￥100
        if "）)".unicodeScalars.contains(before) && isDigit(after) && closesAreaCode(scalars, at: index - 1) {
            return false  // (0763)3361234
        }
        return true
    }

    /// Whether the bracket at `close` closes digits only, as an area code does: `(0763)`.
    static func closesAreaCode(_ scalars: [Unicode.Scalar], at close: Int) -> Bool {
        var position = close - 1
        while position >= 0, isDigit(scalars[position]) || scalars[position] == "-" { position -= 1 }
        return position >= 0 && position < close - 1 && "（(".unicodeScalars.contains(scalars[position])
    }

    /// For each scalar, whether it is inside a word or number run (letters, digits, and joiners
    /// between them): no break inside one.
    static func wordRuns(_ scalars: [Unicode.Scalar]) -> [Bool] {
        var glued = [Bool](repeating: false, count: scalars.count)
        var index = 0
        while index < scalars.count {
            guard isWord(scalars[index]) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count {
                if isWord(scalars[end]) {
                    end += 1
                    continue
                }
                // Joiners (`-` `.` `:` `/` …) belong to the run only when a word character follows them.
                var joiners = end
                while joiners < scalars.count, isJoiner(scalars[joiners]) { joiners += 1 }
                guard joiners > end, joiners < scalars.count, isWord(scalars[joiners]) else { break }
                end = joiners
            }
            for position in index..<end { glued[position] = true }
            index = end
        }
        return glued
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\u{3000}" }

    static func isClosing(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isClosing(scalar) }

    static func isOpening(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isOpening(scalar) }

    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool { CharacterClass.isJoiner(scalar) }

    /// Letters and digits, ASCII or full-width: the characters of words and numbers.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        CharacterClass.isWord(scalar) || isFullWidthAlphanumeric(scalar)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || (0xFF10...0xFF19).contains(scalar.value)
    }

    static func isFullWidthAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        (0xFF10...0xFF19).contains(scalar.value) || (0xFF21...0xFF3A).contains(scalar.value)
            || (0xFF41...0xFF5A).contains(scalar.value)
    }

    static func isDateUnit(_ scalar: Unicode.Scalar) -> Bool { "年月日时分秒号点".unicodeScalars.contains(scalar) }

    static func isCurrency(_ scalar: Unicode.Scalar) -> Bool { "￥¥$€£".unicodeScalars.contains(scalar) }
}
