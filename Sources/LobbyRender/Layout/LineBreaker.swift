/// Breaks Chinese and mixed text into lines that fit a width, the way a typesetter would.
///
/// One invariant holds by construction: the lines, read in order, are the input's characters in
/// order, less only the white space consumed where a line breaks (a tab is drawn as a space). The
/// breaker never moves a character; it only decides between which two characters a line may
/// end. Those decisions (`BreakRules`) follow UAX #14's shape with the Chinese rules (行首/行尾禁则)
/// on top:
/// - `\n` (also `\r\n`, `\r`, U+2028 and U+2029) forces a break;
/// - a line may break between any two CJK characters, and after white space;
/// - closing punctuation (，。、；：？！）》」』】” …) never starts a line and opening punctuation
///   (（《「『【“ …) never ends one, also after a space;
/// - words and numbers stay whole: Latin words, ASCII and full-width digits, numbers with their
///   joiners (0755-12345678, 12,345, 08:20, 2026-10-01, 2026年11月30日), web addresses
///   (http://www.gdzwfw.gov.cn), amounts with a currency sign (￥100.00) and area codes in
///   brackets ((0763)3361234);
/// - a run wider than a whole line is split where it stops fitting, moved back so that the next
///   line does not start with a closing mark and this one does not end with an opening mark,
///   and inside a number or address moved back to just after a hyphen or slash if it has one
///   (0763- / 3361234); where no cut obeys the marks' rules (a run of closing marks longer
///   than a line) it stays where it stops fitting.
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
    /// The widths of a run of characters, asked once per paragraph.
    public let advances: ([Unicode.Scalar]) -> [Int]

    public init(maxWidth: Int, advances: @escaping ([Unicode.Scalar]) -> [Int]) {
        self.maxWidth = maxWidth
        self.advances = advances
    }

    public init(maxWidth: Int, advance: @escaping (Unicode.Scalar) -> Int) {
        self.init(maxWidth: maxWidth) { $0.map(advance) }
    }

    public func lines(_ text: String) -> [Line] {
        var lines: [Line] = []
        for paragraph in BreakRules.paragraphs(of: text) {
            for line in Self.breaks(paragraph, widths: advances(paragraph), maxWidth: maxWidth) {
                lines.append(Line(scalars: Array(paragraph[line.range]), width: line.width))
            }
        }
        return lines
    }

    /// Where one paragraph (no forced breaks inside) breaks: each line as a range of it, with
    /// its width. At least one line, empty for an empty paragraph.
    static func breaks(_ paragraph: [Unicode.Scalar], widths: [Int], maxWidth: Int) -> [Break] {
        Paragraph(paragraph, widths: widths).fill(maxWidth: maxWidth)
    }

    /// One line of a paragraph: which characters, and how wide. (A struct, not a tuple: tuple
    /// arrays cost a runtime type lookup on every render.)
    struct Break {
        var range: Range<Int>
        var width: Int
    }
}

/// One paragraph (no forced breaks inside) as the breaker sees it: each character's class and
/// width looked up once, and lines as ranges of it, so that no character can be moved.
private struct Paragraph {
    let classes: [BreakClass]
    /// `offsets[i]` is the width of the first `i` characters.
    let offsets: [Int]

    init(_ scalars: [Unicode.Scalar], widths: [Int]) {
        classes = scalars.map(BreakClass.init)
        var offsets = [0]
        offsets.reserveCapacity(widths.count + 1)
        for width in widths { offsets.append(offsets[offsets.count - 1] + width) }
        self.offsets = offsets
    }

    func width(_ range: Range<Int>) -> Int { offsets[range.upperBound] - offsets[range.lowerBound] }

    /// `range` less its trailing white space: white space at a break is consumed, never carried
    /// to the next line.
    func visible(_ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound, classes[end - 1].contains(.space) { end -= 1 }
        return range.lowerBound..<end
    }

    /// Greedy filling, segment by segment.
    func fill(maxWidth: Int) -> [LineBreaker.Break] {
        var lines: [Range<Int>] = []
        lines.reserveCapacity(offsets[offsets.count - 1] / max(maxWidth, 1) + 2)
        var current: Range<Int>?
        for segment in BreakRules.segments(classes: classes) {
            let shown = visible(segment)
            if let line = current, width(line.lowerBound..<shown.upperBound) > maxWidth {
                lines.append(visible(line))
                current = nil
            }
            if current == nil && width(shown) > maxWidth {
                let parts = split(segment, maxWidth: maxWidth)
                lines += parts.dropLast().map(visible)
                current = parts.last
                continue
            }
            current = (current?.lowerBound ?? segment.lowerBound)..<segment.upperBound
        }
        if let current { lines.append(visible(current)) }
        if lines.isEmpty { lines.append(0..<0) }
        return lines.map { LineBreaker.Break(range: $0, width: width($0)) }
    }

    /// A segment wider than a whole line, cut where it stops fitting; each cut is moved back
    /// (keeping at least one character per line) so that no line starts with a closing mark or
    /// ends with an opening mark.
    func split(_ segment: Range<Int>, maxWidth: Int) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = segment.lowerBound
        while start < segment.upperBound {
            // White space where a cut falls is consumed, as at any break.
            if !parts.isEmpty {
                while start < segment.upperBound, classes[start].contains(.space) { start += 1 }
                guard start < segment.upperBound else { break }
            }
            var end = start + 1
            while end < segment.upperBound, width(start..<end + 1) <= maxWidth { end += 1 }
            // Looked at past the white space the cut will consume.
            func startsWithClosing(_ position: Int) -> Bool {
                var shown = position
                while shown < segment.upperBound, classes[shown].contains(.space) { shown += 1 }
                return shown < segment.upperBound && classes[shown].contains(.closing)
            }
            // Looked at before the white space that would end this line.
            func endsWithOpening(_ position: Int) -> Bool {
                var shown = position
                while shown > start + 1, classes[shown - 1].contains(.space) { shown -= 1 }
                return classes[shown - 1].contains(.opening)
            }
            func isLegal(_ cut: Int) -> Bool {
                cut == segment.upperBound || !(startsWithClosing(cut) || endsWithOpening(cut))
            }
            var cut = end
            while cut - 1 > start, !isLegal(cut) { cut -= 1 }
            // No legal cut at all (a run of closing marks): the longest part that fits, since
            // one-character lines would break the rule as often and be unreadable besides.
            if !isLegal(cut) { cut = end }
            // Inside a number, word or address, cut after one of its hyphens or slashes if there
            // is one (after the last of a run, as in http:// / www), or at a no-break space:
            // 0763- / 3361234，, 08:20– / 12:00, E- / mail:a@b.cn, 合计␣ / ￥1,234.56, rather
            // than a character taken from the middle.
            let inRun: BreakClass = [.word, .joiner, .glue]
            if cut < segment.upperBound, !classes[cut].isDisjoint(with: inRun),
                !classes[cut - 1].isDisjoint(with: inRun)
            {
                let joints: BreakClass = [.cutAfter, .glue]
                var joint = cut - 1
                while joint - 1 > start,
                    !(!classes[joint - 1].isDisjoint(with: joints) && classes[joint].isDisjoint(with: joints)
                        && isLegal(joint))
                {
                    joint -= 1
                }
                if joint - 1 > start { cut = joint }
            }
            parts.append(start..<cut)
            start = cut
        }
        return parts
    }
}

/// Where a line may break: the classes of UAX #14 that a hall's text uses, reduced to rules
/// between two neighbours, with the Chinese rules on top.
enum BreakRules {
    /// The text's paragraphs: split at `\n`, `\r\n`, `\r`, U+2028 and U+2029; tabs become spaces.
    static func paragraphs(of text: String) -> [[Unicode.Scalar]] {
        var paragraphs: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        current.reserveCapacity(text.utf8.count)
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r": continue
            case _ where isLineEnd(scalar):
                paragraphs.append(current)
                current = []
            case "\t": current.append(" ")
            default: current.append(scalar)
            }
        }
        paragraphs.append(current)
        return paragraphs
    }

    /// `\n`, `\r`, and the Unicode line and paragraph separators.
    static func isLineEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// The paragraph (given as its characters' classes) cut at every break opportunity: each
    /// segment is a range that must stay on one line if it can, spaces after it included.
    static func segments(classes: [BreakClass]) -> [Range<Int>] {
        guard !classes.isEmpty else { return [] }
        // Text without letters or digits (most Chinese text) has no word runs to keep whole.
        let glued = classes.contains { $0.contains(.word) } ? wordRuns(classes) : nil
        var segments: [Range<Int>] = []
        segments.reserveCapacity(classes.count)
        var start = 0
        for index in 1..<classes.count where canBreak(classes, before: index, glued: glued) {
            segments.append(start..<index)
            start = index
        }
        segments.append(start..<classes.count)
        return segments
    }

    /// Whether a line may end between the characters at `index - 1` and `index`.
    static func canBreak(_ classes: [BreakClass], before index: Int, glued: [Bool]?) -> Bool {
        let before = classes[index - 1]
        let after = classes[index]
        if after.contains(.space) { return false }  // spaces stay with what they follow
        if before.contains(.glue) || after.contains(.glue) { return false }  // 5 km with U+00A0
        if after.contains(.closing) { return false }  // 行首禁则, also after a space
        // 行尾禁则, also before a space: `《 热` does not break after the bracket either.
        var visible = index - 1
        while visible > 0, classes[visible].contains(.space) { visible -= 1 }
        if classes[visible].contains(.opening) { return false }
        // Adjacent characters of word runs are one run: runs are maximal, so two never touch.
        if let glued, glued[index - 1] && glued[index] { return false }
        if before.contains(.digit) && after.contains(.dateUnit) { return false }  // 2026年, 30日, 8时
        if before.contains(.yearOrMonth) && after.contains(.digit) { return false }  // 2026年11月
        if before.contains(.currency) && after.contains(.digit) { return false }  // ￥100
        if before.contains(.sign) && after.contains(.digit) { return false }  // -5℃, +10℃
        if before.contains(.parenthesisClose) && after.contains(.digit) && closesAreaCode(classes, at: index - 1) {
            return false  // (0763)3361234
        }
        return true
    }

    /// Whether the bracket at `close` closes digits (and hyphens) only, as an area code does: `(0763)`.
    static func closesAreaCode(_ classes: [BreakClass], at close: Int) -> Bool {
        var position = close - 1
        while position >= 0, !classes[position].isDisjoint(with: [.digit, .hyphen]) { position -= 1 }
        return position >= 0 && position < close - 1 && classes[position].contains(.parenthesisOpen)
    }

    /// For each character, whether it is inside a word or number run (letters, digits, and
    /// joiners between them): no break inside one.
    static func wordRuns(_ classes: [BreakClass]) -> [Bool] {
        var glued = [Bool](repeating: false, count: classes.count)
        var index = 0
        while index < classes.count {
            guard classes[index].contains(.word) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < classes.count {
                if classes[end].contains(.word) {
                    end += 1
                    continue
                }
                // Joiners (`-` `.` `:` `/` …) belong to the run only when a word character follows them.
                var joiners = end
                while joiners < classes.count, classes[joiners].contains(.joiner) { joiners += 1 }
                guard joiners > end, joiners < classes.count, classes[joiners].contains(.word) else { break }
                end = joiners
            }
            for position in index..<end { glued[position] = true }
            index = end
        }
        return glued
    }
}
