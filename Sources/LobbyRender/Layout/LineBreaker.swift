/// Breaks Chinese and mixed text into lines that fit a width, the way a typesetter would:
///
/// - a line may break between any two CJK characters;
/// - closing punctuation (，。、；：？！）》」』】 …) never starts a line, and opening punctuation
///   (（《「『【 …) never ends one: each is attached to its neighbour before lines are filled;
/// - Latin words and digit runs stay whole (the 12345 hotline, 0755-12345678, 2026-10-01, 08:20,
///   www.gdzwfw.gov.cn) unless one alone is wider than the line, and only then are split;
/// - spaces are break opportunities and vanish at line ends; `\n` forces a break.
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
        var filler = LineFiller(maxWidth: maxWidth, advance: advance)
        for unit in BreakUnit.units(of: text) {
            filler.add(unit)
        }
        return filler.finish()
    }
}

/// An unbreakable piece of text: a CJK character, a word or digit run, a space, or a forced break,
/// with the punctuation that must stay with it.
struct BreakUnit: Equatable {
    enum Kind { case text, space, newline }
    var kind: Kind
    var scalars: [Unicode.Scalar]

    static func units(of text: String) -> [BreakUnit] {
        var units: [BreakUnit] = []
        var pendingOpeners: [Unicode.Scalar] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            var length = 1
            if scalar == "\n" {
                units.append(BreakUnit(kind: .newline, scalars: []))
            } else if scalar == " " || scalar == "\t" {
                units.append(BreakUnit(kind: .space, scalars: [" "]))
            } else if CharacterClass.isOpening(scalar) {
                pendingOpeners.append(scalar)
            } else if CharacterClass.isClosing(scalar), let last = units.indices.last, units[last].kind == .text {
                units[last].scalars.append(scalar)
            } else {
                length = CharacterClass.isWord(scalar) ? wordLength(scalars, from: index) : 1
                units.append(BreakUnit(kind: .text, scalars: pendingOpeners + scalars[index..<index + length]))
                pendingOpeners = []
            }
            index += length
        }
        if !pendingOpeners.isEmpty { units.append(BreakUnit(kind: .text, scalars: pendingOpeners)) }
        return units
    }

    /// A run of word characters, with joiners (`-` `.` `:` `/` `@` …) kept when a word character
    /// follows them: `0755-12345678` stays whole, a sentence's final `.` does not join.
    private static func wordLength(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var end = start + 1
        while end < scalars.count {
            if CharacterClass.isWord(scalars[end]) {
                end += 1
            } else if CharacterClass.isJoiner(scalars[end]), end + 1 < scalars.count,
                CharacterClass.isWord(scalars[end + 1])
            {
                end += 2
            } else {
                break
            }
        }
        return end - start
    }
}

/// Greedy line filling over break units.
private struct LineFiller {
    let maxWidth: Int
    let advance: (Unicode.Scalar) -> Int
    var lines: [LineBreaker.Line] = []
    var current = LineBreaker.Line(scalars: [], width: 0)
    var pendingSpace: [Unicode.Scalar] = []

    init(maxWidth: Int, advance: @escaping (Unicode.Scalar) -> Int) {
        self.maxWidth = maxWidth
        self.advance = advance
    }

    mutating func add(_ unit: BreakUnit) {
        switch unit.kind {
        case .newline:
            flush()
        case .space:
            if !current.scalars.isEmpty { pendingSpace += unit.scalars }
        case .text:
            let width = unit.scalars.reduce(0) { $0 + advance($1) }
            let spaceWidth = pendingSpace.reduce(0) { $0 + advance($1) }
            if current.width + spaceWidth + width <= maxWidth {
                append(pendingSpace + unit.scalars, width: spaceWidth + width)
            } else {
                if !current.scalars.isEmpty { flush() }
                if width <= maxWidth {
                    append(unit.scalars, width: width)
                } else {
                    split(unit.scalars)
                }
            }
            pendingSpace = []
        }
    }

    mutating func finish() -> [LineBreaker.Line] {
        if !current.scalars.isEmpty || lines.isEmpty { flush() }
        return lines
    }

    private mutating func append(_ scalars: [Unicode.Scalar], width: Int) {
        current.scalars += scalars
        current.width += width
    }

    /// A unit wider than a whole line: as many characters per line as fit (at least one).
    private mutating func split(_ scalars: [Unicode.Scalar]) {
        for scalar in scalars {
            let width = advance(scalar)
            if current.width + width > maxWidth && !current.scalars.isEmpty { flush() }
            append([scalar], width: width)
        }
    }

    private mutating func flush() {
        lines.append(current)
        current = LineBreaker.Line(scalars: [], width: 0)
        pendingSpace = []
    }
}
