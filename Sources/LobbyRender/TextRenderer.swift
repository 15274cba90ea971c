/// Turns text into frames for one panel with one font.
///
/// The layout rule, which the tests check against FreeType's own placement:
/// - the pen starts at x = left margin (shifted for centre/right alignment);
/// - the first baseline is at y = top margin + the font's ascender, in whole dots (for `middle`,
///   the block of lines is centred first and the baseline is its top + the ascender);
/// - each glyph bitmap is placed at (pen x + bitmap_left, baseline − bitmap_top), then the pen
///   advances by the glyph's advance;
/// - the next line's baseline is one line height (+ line spacing) lower.
public final class TextRenderer {
    public let font: FontFace
    public let width: Int
    public let height: Int

    public init(font: FontFace, width: Int, height: Int) throws(LobbyRenderError) {
        guard font.lineHeight <= height else {
            throw .lineTallerThanPanel(lineHeight: font.lineHeight, panelHeight: height)
        }
        self.font = font
        self.width = width
        self.height = height
    }

    /// The frames for `text`: one per page, or a single scroll strip.
    public func render(_ text: String, style: TextStyle = TextStyle(), mode: LayoutMode = .page)
        throws(LobbyRenderError) -> [Frame]
    {
        if mode == .scroll { return [try scrollStrip(text, style: style)] }
        let pages = paginate(try glyphLines(text, style: style), style: style)
        if mode == .static && pages.count > 1 { throw .doesNotFitOnePage(pages: pages.count) }
        try checkSize(pages.count * width * height)
        return font.withGlyphPool { glyphs in pages.map { draw($0, glyphs, style: style) } }
    }

    /// At most this many dots (one byte each) are drawn for one text: 128 MiB, about 5,000
    /// pages of a 192×32 panel, so that a huge text or font gets an error, not an exhausted
    /// machine.
    public static let maximumDots = 1 << 27

    private func checkSize(_ dots: Int) throws(LobbyRenderError) {
        guard dots <= Self.maximumDots else { throw .tooLarge(dots: dots, limit: Self.maximumDots) }
    }

    /// Characters that text pasted from elsewhere carries and that would otherwise be drawn as
    /// boxes: the default-ignorable ones (zero-width spaces and joiners, byte-order marks,
    /// variation selectors such as the one after ☎, soft hyphens) and control characters other
    /// than the line ends and the tab. `text` without them, and what was removed where (offsets
    /// in Unicode scalars of the original).
    public static func removingInvisibles(_ text: String) -> (text: String, removed: [(Unicode.Scalar, Int)]) {
        var kept = String.UnicodeScalarView()
        var removed: [(Unicode.Scalar, Int)] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let control = scalar.properties.generalCategory == .control && !"\n\r\t".unicodeScalars.contains(scalar)
            if scalar.properties.isDefaultIgnorableCodePoint || control {
                removed.append((scalar, offset))
            } else {
                kept.append(scalar)
            }
        }
        return (String(kept), removed)
    }

    /// Characters of `text` the font has no glyph for; they render as boxes. Line ends and the
    /// tab are not drawn, so never missing.
    public func coverage(_ text: String) -> [MissingGlyph] {
        text.unicodeScalars.enumerated().compactMap { offset, scalar in
            BreakRules.isLineEnd(scalar) || scalar == "\t" || font.covers(scalar)
                ? nil : MissingGlyph(scalar: scalar, offset: offset)
        }
    }

    /// The lines `text` breaks into at this panel's width.
    public func lines(_ text: String, style: TextStyle) -> [LineBreaker.Line] {
        LineBreaker(maxWidth: lineWidth(style)) { [font] in font.glyphs(for: $0).map(\.advance) }.lines(text)
    }

    /// The dots a line may fill: the panel less the side margins.
    private func lineWidth(_ style: TextStyle) -> Int { width - style.leftMargin - style.rightMargin }

    /// A line ready to draw: its characters' glyph cache entries in order, and its width.
    private struct GlyphLine {
        var entries: ArraySlice<Int32>
        var width: Int
    }

    /// The lines `text` breaks into, as `lines` gives them, with each character's glyph looked
    /// up once for both breaking and drawing (valid until the font's next lookup).
    private func glyphLines(_ text: String, style: TextStyle) throws(LobbyRenderError) -> [GlyphLine] {
        let paragraphs = BreakRules.paragraphs(of: text)
        var lines: [GlyphLine] = []
        for (paragraph, run) in zip(paragraphs, try font.glyphRuns(for: paragraphs)) {
            for line in LineBreaker.breaks(paragraph, widths: run.advances, maxWidth: lineWidth(style)) {
                lines.append(GlyphLine(entries: run.entries[line.range], width: line.width))
            }
        }
        return lines
    }

    /// How many lines one page holds with `style`.
    public func linesPerPage(style: TextStyle) -> Int {
        let pitch = font.lineHeight + style.lineSpacing
        return max(1, (height - style.topMargin - font.lineHeight) / pitch + 1)
    }

    private func paginate<Line>(_ lines: [Line], style: TextStyle) -> [ArraySlice<Line>] {
        let perPage = linesPerPage(style: style)
        return stride(from: 0, to: lines.count, by: perPage).map { lines[$0..<min($0 + perPage, lines.count)] }
    }

    private func draw(_ lines: ArraySlice<GlyphLine>, _ glyphs: GlyphCache.Pool, style: TextStyle) -> Frame {
        var page = Bitplane(width: width, height: height)
        let pitch = font.lineHeight + style.lineSpacing
        var top = style.topMargin
        if style.verticalAlignment == .middle {
            let block = lines.count * font.lineHeight + (lines.count - 1) * style.lineSpacing
            top = max(0, (height - block) / 2)
        }
        for (index, line) in lines.enumerated() {
            let slack = max(0, lineWidth(style) - line.width)
            let offset = style.alignment == .left ? 0 : style.alignment == .center ? slack / 2 : slack
            draw(
                line.entries, glyphs, into: &page, x: style.leftMargin + offset,
                baseline: top + index * pitch + font.ascender)
        }
        return page.frame(style.color)
    }

    private func scrollStrip(_ text: String, style: TextStyle) throws(LobbyRenderError) -> Frame {
        let line = try scrollLine(text, style: style)
        try checkSize(line.width * height)
        var strip = Bitplane(width: line.width, height: height)
        font.withGlyphPool { glyphs in
            draw(line.entries[...], glyphs, into: &strip, x: style.leftMargin, baseline: line.baseline)
        }
        return strip.frame(style.color)
    }

    /// A scroll text as one line: its glyph entries, the pen position before each character
    /// and after the last, its width and its baseline.
    private func scrollLine(_ text: String, style: TextStyle) throws(LobbyRenderError) -> (
        entries: [Int32], pens: [Int], width: Int, baseline: Int
    ) {
        // One line: each line end (CR LF counted once) and tab drawn as a space.
        let line = Array(BreakRules.paragraphs(of: text).joined(separator: [" "]))
        let run = try font.glyphRuns(for: [line])[0]
        var pens = [style.leftMargin]
        for advance in run.advances { pens.append(pens[pens.count - 1] + advance) }
        let top = style.verticalAlignment == .middle ? max(0, (height - font.lineHeight) / 2) : style.topMargin
        return (run.entries, pens, max(1, pens[pens.count - 1]), top + font.ascender)
    }

    /// A scroll text as the sign shows it: consecutive panel-wide windows of its strip, each cut
    /// between two characters (a character never shows half on one page and half on the next)
    /// and each drawn from its own characters, so that no ink of one window's last character
    /// shows at the next one's edge; a character wider than the panel alone is cut where the
    /// panel ends.
    public func scrollPages(_ text: String, style: TextStyle = TextStyle()) throws(LobbyRenderError) -> [Frame] {
        let line = try scrollLine(text, style: style)
        var cuts = [0]
        var next = 0  // the first pen position not yet known to fit after the last cut
        while cuts[cuts.count - 1] < line.width {
            let start = cuts[cuts.count - 1]
            var end = start
            while next < line.pens.count, line.pens[next] - start <= width {
                if line.pens[next] > start { end = line.pens[next] }
                next += 1
            }
            if end == start { end = min(start + width, line.width) }  // one character wider than the panel
            cuts.append(end)
        }
        try checkSize((cuts.count - 1) * width * height)
        return font.withGlyphPool { glyphs in
            zip(cuts, cuts.dropFirst()).map { start, end in
                // The characters that end after the window's start (one begun before it only
                // if a window could not hold it whole) and start before its end.
                let count = line.entries.count
                let first = (0..<count).first { line.pens[$0 + 1] > start } ?? count
                let after = (first..<count).first { line.pens[$0] >= end } ?? count
                var plane = Bitplane(width: end - start, height: height)
                draw(
                    line.entries[first..<after], glyphs, into: &plane, x: line.pens[first] - start,
                    baseline: line.baseline)
                return plane.frame(style.color).window(x: 0, width: width)
            }
        }
    }

    private func draw(
        _ entries: ArraySlice<Int32>, _ glyphs: GlyphCache.Pool, into plane: inout Bitplane, x: Int, baseline: Int
    ) {
        var pen = x
        for entry in entries {
            let (placement, words) = glyphs[entry]
            plane.draw(
                words, width: Int(placement.width), height: Int(placement.rows),
                wordsPerRow: Int(placement.wordsPerRow), x: pen + Int(placement.left), y: baseline - Int(placement.top))
            pen += Int(placement.advance)
        }
    }
}
