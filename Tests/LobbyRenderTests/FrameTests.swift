import CZlib
import LobbyTestSupport
import Testing

@testable import LobbyRender

@Suite("Frame and its pictures")
struct FrameTests {
    static func sample() -> Frame {
        var frame = Frame(width: 10, height: 3)
        frame[0, 0] = .red
        frame[9, 2] = .green
        frame[4, 1] = .amber
        return frame
    }

    @Test("a one-colour panel lights every dot in its colour; a tricolour panel as asked")
    func shownOnPanel() {
        let frame = Self.sample()
        let mono = frame.shown(on: .mono)
        #expect(mono.litCount == 3 && mono[0, 0] == .red && mono[9, 2] == .red && mono[4, 1] == .red)
        #expect(frame.shown(on: .tricolor) == frame)
    }

    @Test("the contact sheet draws each page's label above it, plainly, in light grey")
    func labelledSheet() {
        var label = Frame(width: 4, height: 2)
        label[1, 0] = .red
        let sheet = Frame.contactSheet([(label, Self.sample()), (nil, Self.sample())], scale: 4, labelScale: 2, gap: 8)
        // Width: the page (10 × 4) against the label (4 × 2), plus the gaps.
        #expect(sheet.width == 40 + 16)
        // Height: gap, label 2 × 2, half a gap, page 3 × 4, gap, page 3 × 4, gap.
        #expect(sheet.height == 8 + 4 + 4 + 12 + 8 + 12 + 8)
        func pixel(_ x: Int, _ y: Int) -> [UInt8] {
            Array(sheet.rgb[(y * sheet.width + x) * 3..<(y * sheet.width + x) * 3 + 3])
        }
        #expect(pixel(8 + 2, 8) == [230, 230, 230])  // the label's lit dot
        #expect(pixel(8, 8) == [60, 60, 60])  // background beside it
    }

    @Test("PBM keeps every lit dot and reads back the same frame")
    func pbmRoundTrip() throws {
        let frame = Self.sample()
        let bytes = frame.pbm()
        #expect(Array(bytes.prefix(8)) == Array("P4\n10 3\n".utf8))
        #expect(bytes.count == 8 + 2 * 3)
        let back = try #require(Frame(pbm: bytes, color: .red))
        #expect(back.litCount == 3 && back[0, 0] == .red && back[9, 2] == .red && back[4, 1] == .red)
        #expect(Frame(pbm: Array("P4\n10 3\n".utf8) + [0]) == nil)
    }

    @Test("the content hash is stable across runs and changes with any dot")
    func contentHash() {
        let frame = Self.sample()
        // FNV-1a 64 over [10, 0, 3, 0] + dots, computed independently (in Python) once.
        #expect(frame.contentHash == 0xaf93_e642_db2b_5bf8)
        var changed = frame
        changed[5, 2] = .red
        #expect(changed.contentHash != frame.contentHash)
        #expect(Frame(width: 10, height: 3).contentHash != Frame(width: 3, height: 10).contentHash)
    }

    @Test("a scroll window shows the strip's columns and dark beyond its ends")
    func window() {
        let strip = Self.sample()
        let window = strip.window(x: -2, width: 4)
        #expect(window.width == 4 && window[2, 0] == .red && window.litCount == 1)
        #expect(strip.window(x: 8, width: 4)[1, 2] == .green)
        #expect(strip.window(x: 10, width: 4).litCount == 0)
    }

    @Test("the PNG is well formed: signature, header, and pixels zlib inflates back exactly")
    func png() throws {
        let bytes = Self.sample().png()
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
        #expect(Array(bytes[16..<24]) == [0, 0, 0, 10, 0, 0, 0, 3])
        let length = Int(bytes[33]) << 24 | Int(bytes[34]) << 16 | Int(bytes[35]) << 8 | Int(bytes[36])
        #expect(Array(bytes[37..<41]) == Array("IDAT".utf8))
        let compressed = Array(bytes[41..<41 + length])
        var size = uLong(3 * (10 * 3 + 1))
        var raw = [UInt8](repeating: 0, count: Int(size))
        let status = uncompress(&raw, &size, compressed, uLong(compressed.count))
        #expect(status == Z_OK && size == 93)
        #expect(raw[0] == 0 && Array(raw[1..<4]) == [255, 40, 20])  // filter byte, then the red dot at (0, 0)
        #expect(Array(bytes.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }

    @Test("the terminal preview draws two dot rows per line with half-blocks")
    func terminal() {
        var frame = Frame(width: 3, height: 3)
        frame[0, 0] = .red
        frame[1, 1] = .red
        frame[2, 0] = .red
        frame[2, 1] = .red
        frame[0, 2] = .red
        #expect(frame.terminalPreview(colors: false) == "▀▄█\n▀  \n")
        #expect(frame.terminalPreview(colors: true).contains("\u{1B}[38;5;196;48;5;235m▀"))
    }

    @Test("bit planes with the same lit dots are equal, whatever was clipped at the right edge")
    func planeEquality() {
        var clipped = Bitplane(width: 10, height: 2)
        clipped.draw(Bitplane(width: 20, height: 2, bits: [UInt8](repeating: 1, count: 40)), x: 0, y: 0)
        var exact = Bitplane(width: 10, height: 2)
        exact.draw(Bitplane(width: 10, height: 2, bits: [UInt8](repeating: 1, count: 20)), x: 0, y: 0)
        #expect(clipped == exact)
        exact.draw(Bitplane(width: 1, height: 1, bits: [1]), x: 9, y: 1)
        #expect(clipped == exact)
        #expect(clipped != Bitplane(width: 10, height: 2))
    }

    @Test("each byte of a bit plane spreads to the eight dots its bits stand for")
    func spread() {
        for byte in UInt64(0)...255 {
            let dots = (0..<8).map { UInt8(truncatingIfNeeded: Frame.spread(byte) >> UInt64($0 * 8)) }
            #expect(dots == (0..<8).map { UInt8(byte >> UInt64($0) & 1) }, "byte \(byte)")
        }
    }

    @Test("pictures drawn into a bit plane and painted light the dots one at a time would, clipped at every edge")
    func bitplanes() {
        var random = SplitMix64(seed: 64)
        for _ in 0..<2_000 {
            // Planes narrower and wider than a 64-dot word, pictures too, at every kind of offset.
            let width = Int.random(in: 1...150, using: &random)
            var plane = Bitplane(width: width, height: 10)
            var drawn: [(x: Int, y: Int)] = []
            for _ in 0..<3 {
                let pictureWidth = Int.random(in: 0...80, using: &random)
                let rows = Int.random(in: 0...14, using: &random)
                let bits = (0..<pictureWidth * rows).map { _ in UInt8.random(in: 0...1, using: &random) }
                let x = Int.random(in: -90...(width + 5), using: &random)
                let y = Int.random(in: -16...12, using: &random)
                plane.draw(Bitplane(width: pictureWidth, height: rows, bits: bits), x: x, y: y)
                for row in 0..<rows {
                    for column in 0..<pictureWidth where bits[row * pictureWidth + column] != 0 {
                        drawn.append((x + column, y + row))
                    }
                }
            }
            // Painting sets the lit dots, whatever they showed, and leaves the others.
            var fast = Frame(width: width, height: 10)
            for _ in 0..<20 {
                fast[Int.random(in: 0..<width, using: &random), Int.random(in: 0..<10, using: &random)] =
                    DotColor.allCases.randomElement(using: &random)!
            }
            var slow = fast
            for dot in drawn { slow.light(x: dot.x, y: dot.y, .green) }
            fast.paint(plane, .green)
            #expect(fast == slow, "plane \(width) wide")
            // A frame of the plane alone: the same dots on dark.
            var alone = Frame(width: width, height: 10)
            for dot in drawn { alone.light(x: dot.x, y: dot.y, .amber) }
            #expect(plane.frame(.amber) == alone, "plane \(width) wide")
            if fast != slow || plane.frame(.amber) != alone { return }
        }
    }
}

@Suite("Glyph cache")
struct GlyphCacheTests {
    static let glyph = Glyph(width: 1, rows: 1, left: 0, top: 1, advance: 1, bits: [1])

    @Test("a warm cache never calls the rasterizer")
    func warm() {
        var cache = GlyphCache(capacity: 16)
        var rasterized = 0
        for _ in 0..<3 {
            for codePoint in UInt32(0x4E00)..<0x4E08 {
                _ = cache.glyph(for: codePoint) {
                    rasterized += 1
                    return Self.glyph
                }
            }
        }
        #expect(rasterized == 8)
        #expect(cache.statistics.hits == 16 && cache.statistics.misses == 8)
    }

    /// A glyph of `width` × `rows` random dots.
    static func randomGlyph(width: Int, rows: Int, using random: inout SplitMix64) -> Glyph {
        Glyph(
            width: width, rows: rows, left: Int.random(in: -2...2, using: &random), top: rows,
            advance: width + 1, bits: (0..<width * rows).map { _ in UInt8.random(in: 0...1, using: &random) })
    }

    @Test("glyphs come back from the cache as they were rasterised, through eviction and compaction")
    func roundTrip() {
        var random = SplitMix64(seed: 22)
        var cache = GlyphCache(capacity: 16)
        var made: [UInt32: Glyph] = [:]
        for _ in 0..<2_000 {
            let codePoint = UInt32.random(in: 0x4E00..<0x4E40, using: &random)
            let glyph = cache.glyph(for: codePoint) {
                let glyph = Self.randomGlyph(
                    width: Int.random(in: 0...130, using: &random), rows: Int.random(in: 0...20, using: &random),
                    using: &random)
                made[codePoint] = glyph
                return glyph
            }
            #expect(glyph == made[codePoint], "U+\(String(codePoint, radix: 16))")
        }
        #expect(cache.statistics.evictions > 0 && cache.statistics.entries <= 16)
    }

    @Test("a text with more different characters than the cache holds keeps them all until drawn")
    func runsAreNotEvicted() throws {
        var random = SplitMix64(seed: 23)
        var cache = GlyphCache(capacity: 8)
        var made: [Unicode.Scalar: Glyph] = [:]
        let paragraphs = [Array("一二三四五六七八九十".unicodeScalars), Array("百千万亿".unicodeScalars)]
        let runs = try #require(
            cache.runs(for: paragraphs) { scalar in
                let glyph = Self.randomGlyph(width: 16, rows: 16, using: &random)
                made[scalar] = glyph
                return glyph
            })
        #expect(cache.statistics.entries == 14)
        cache.withPool { pool in
            for (paragraph, run) in zip(paragraphs, runs) {
                for (scalar, entry) in zip(paragraph, run.entries) {
                    let (placement, words) = pool[entry]
                    var drawn = Bitplane(width: 16, height: 16)
                    drawn.draw(words, width: 16, height: 16, wordsPerRow: Int(placement.wordsPerRow), x: 0, y: 0)
                    #expect(drawn == Bitplane(width: 16, height: 16, bits: made[scalar]!.bits), "\(scalar)")
                }
            }
        }
        // The next lookups bring the cache back within its capacity.
        for codePoint in UInt32(0x4E00)..<0x4E10 { _ = cache.glyph(for: codePoint) { Self.glyph } }
        #expect(cache.statistics.entries <= 8)
    }

    @Test("a text whose glyphs alone exceed the byte capacity is refused, and the cache recovers")
    func runsAreBoundedByBytes() {
        let big = Glyph(width: 64, rows: 64, left: 0, top: 64, advance: 64, bits: [UInt8](repeating: 1, count: 4_096))
        var cache = GlyphCache(capacity: 4_096, byteCapacity: 10 * big.bitmapBytes)
        var rasterized = 0
        let refused = cache.runs(for: [Array("一二三四五六七八九十百千".unicodeScalars)]) { _ in
            rasterized += 1
            return big
        }
        #expect(refused == nil && rasterized == 11, "stops at the first glyph over the limit")
        // Ten fit; a repeated character counts once.
        #expect(cache.runs(for: [Array("一二三四五六七八九十一二".unicodeScalars)]) { _ in big } != nil)
        for codePoint in UInt32(0x5000)..<0x5010 { _ = cache.glyph(for: codePoint) { big } }
        #expect(cache.statistics.bitmapBytes <= 10 * big.bitmapBytes)
    }

    @Test("big glyphs are evicted by bytes held, before the count is reached")
    func boundedByBytes() {
        let big = Glyph(
            width: 100, rows: 100, left: 0, top: 100, advance: 100, bits: [UInt8](repeating: 1, count: 10_000))
        var cache = GlyphCache(capacity: 4_096, byteCapacity: 20 * big.bitmapBytes)
        for codePoint in UInt32(0)..<1_000 { _ = cache.glyph(for: codePoint) { big } }
        #expect(cache.statistics.bitmapBytes <= 20 * big.bitmapBytes && cache.statistics.evictions > 0)
        #expect(cache.statistics.entries <= 20)
    }

    @Test("the cache stays within its capacity and evicts the least recently used first")
    func bounded() {
        var cache = GlyphCache(capacity: 8)
        for codePoint in UInt32(0)..<8 { _ = cache.glyph(for: codePoint) { Self.glyph } }
        for codePoint in UInt32(2)..<8 { _ = cache.glyph(for: codePoint) { Self.glyph } }  // 0 and 1 now oldest
        _ = cache.glyph(for: 100) { Self.glyph }
        #expect(cache.statistics.entries <= 8 && cache.statistics.evictions == 2)
        var rasterizedAgain: [UInt32] = []
        for codePoint in UInt32(0)..<8 {
            _ = cache.glyph(for: codePoint) {
                rasterizedAgain.append(codePoint); return Self.glyph
            }
        }
        #expect(rasterizedAgain.prefix(2) == [0, 1])
        for codePoint in UInt32(1000)..<2000 { _ = cache.glyph(for: codePoint) { Self.glyph } }
        #expect(cache.statistics.entries <= 8 && cache.statistics.bitmapBytes <= 8 * Self.glyph.bitmapBytes)
    }
}
