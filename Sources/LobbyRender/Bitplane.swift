/// A 1-bit picture: each row as ⌈width / 64⌉ words, bit 0 of the first word the leftmost dot.
/// A glyph's bitmap is one; a page is drawn into one and then coloured into a `Frame`.
///
/// Why: glyphs are drawn by OR-ing whole rows (one or two word operations per glyph row) and
/// the page becomes dots in one pass of 8-byte stores, instead of one test and one store per
/// dot. This is what makes a page cost microseconds (issue 22's benchmark).
public struct Bitplane: Sendable, Equatable {
    /// Equal when the same dots are lit: bits beyond `width` in a row's last word, which drawing
    /// may leave set, do not count.
    public static func == (left: Bitplane, right: Bitplane) -> Bool {
        guard left.width == right.width && left.height == right.height else { return false }
        for y in 0..<left.height {
            for x in 0..<left.width where left[x, y] != right[x, y] { return false }
        }
        return true
    }

    public let width: Int
    public let height: Int
    let wordsPerRow: Int
    private(set) var words: [UInt64]

    public init(width: Int, height: Int) {
        precondition(width >= 0 && height >= 0, "a bit plane has a size")
        self.width = width
        self.height = height
        wordsPerRow = (width + 63) / 64
        words = [UInt64](repeating: 0, count: wordsPerRow * height)
    }

    /// `bits`: `width * height` values, row by row, non-zero for a lit dot.
    public init(width: Int, height: Int, bits: [UInt8]) {
        precondition(bits.count == width * height, "one value per dot")
        self.init(width: width, height: height)
        for row in 0..<height {
            for column in 0..<width where bits[row * width + column] != 0 {
                words[row * wordsPerRow + column / 64] |= 1 << UInt64(column % 64)
            }
        }
    }

    public subscript(x: Int, y: Int) -> Bool {
        words[y * wordsPerRow + x / 64] >> UInt64(x % 64) & 1 != 0
    }

    /// Bytes the picture holds.
    public var byteCount: Int { words.count * MemoryLayout<UInt64>.size }

    /// Lights every lit dot of `picture` with its top left corner at (`x`, `y`); what falls
    /// outside this plane is clipped.
    public mutating func draw(_ picture: Bitplane, x: Int, y: Int) {
        picture.words.withUnsafeBufferPointer { rows in
            draw(rows, width: picture.width, height: picture.height, wordsPerRow: picture.wordsPerRow, x: x, y: y)
        }
    }

    /// `draw(_:x:y:)` for a picture given as its rows of words (a glyph in the cache's pool).
    mutating func draw(
        _ source: UnsafeBufferPointer<UInt64>, width pictureWidth: Int, height pictureHeight: Int,
        wordsPerRow pictureWordsPerRow: Int, x: Int, y: Int
    ) {
        let firstRow = max(0, -y)
        let endRow = min(pictureHeight, height - y)
        guard firstRow < endRow, x < width, x + pictureWidth > 0 else { return }
        let (width, wordsPerRow) = (self.width, self.wordsPerRow)
        words.withUnsafeMutableBufferPointer { target in
            // The common case, a glyph of at most 64 dots wholly inside: one or two ORs a row.
            if pictureWordsPerRow == 1 && x >= 0 && x + 64 <= wordsPerRow * 64 {
                let (word, shift) = (x / 64, UInt64(x % 64))
                for row in firstRow..<endRow {
                    let bits = source[row]
                    let index = (y &+ row) &* wordsPerRow &+ word
                    target[index] |= bits << shift
                    if shift > 0 { target[index &+ 1] |= bits >> (64 &- shift) }
                }
                return
            }
            for row in firstRow..<endRow {
                let rowStart = (y + row) * wordsPerRow
                for word in 0..<pictureWordsPerRow {
                    var bits = source[row * pictureWordsPerRow + word]
                    var column = x + word * 64
                    guard bits != 0, column < width, column > -64 else { continue }
                    if column < 0 {
                        bits >>= UInt64(-column)
                        column = 0
                    }
                    // Straddles two words of the row unless it starts on a word boundary.
                    let (index, shift) = (rowStart + column / 64, UInt64(column % 64))
                    target[index] |= bits << shift
                    if shift > 0 && column / 64 + 1 < wordsPerRow { target[index + 1] |= bits >> (64 - shift) }
                }
            }
        }
    }

    /// The picture as a frame, lit dots in `color`.
    public func frame(_ color: DotColor) -> Frame {
        guard width > 0 && height > 0 else { return Frame(width: max(width, 1), height: max(height, 1)) }
        let (width, wordsPerRow) = (self.width, self.wordsPerRow)
        let paint = UInt64(color.rawValue)
        // Every dot is written once, eight at a time where a whole word lies inside the row, so
        // the frame is not cleared first.
        return words.withUnsafeBufferPointer { words in
            Frame(width: width, height: height) { dots in
                let base = UnsafeMutableRawPointer(dots.baseAddress!)
                for row in 0..<height {
                    let rowStart = row &* width
                    for wordIndex in 0..<wordsPerRow {
                        let word = words[row &* wordsPerRow &+ wordIndex]
                        let column = wordIndex &* 64
                        if column &+ 64 <= width {
                            for step in 0..<8 {
                                let eight = Frame.spread(word >> UInt64(step &* 8) & 0xFF) &* paint
                                base.storeBytes(
                                    of: eight.littleEndian, toByteOffset: rowStart &+ column &+ step &* 8,
                                    as: UInt64.self)
                            }
                        } else {
                            for bit in 0..<(width &- column) {
                                dots[rowStart &+ column &+ bit] = UInt8(
                                    truncatingIfNeeded: (word >> UInt64(bit) & 1) &* paint)
                            }
                        }
                    }
                }
            }
        }
    }
}

extension Frame {
    /// Sets every dot lit in `plane` to `color` (dots beyond this frame are dropped); dark dots
    /// of the plane leave the frame as it was.
    mutating func paint(_ plane: Bitplane, _ color: DotColor) {
        let width = self.width
        let paint = UInt64(color.rawValue)
        let rows = min(height, plane.height)
        let columns = min(width, plane.width)
        plane.words.withUnsafeBufferPointer { words in
            withUnsafeMutableDots { dots in
                let base = UnsafeMutableRawPointer(dots.baseAddress!)
                for row in 0..<rows {
                    let rowStart = row &* width
                    for wordIndex in 0..<plane.wordsPerRow {
                        var word = words[row &* plane.wordsPerRow &+ wordIndex]
                        var column = wordIndex &* 64
                        if word != 0 && column &+ 64 <= columns {
                            // A whole word inside the row: eight stores, no tests.
                            for step in 0..<8 {
                                let offset = rowStart &+ column &+ step &* 8
                                let ones = Self.spread(word >> UInt64(step &* 8) & 0xFF)
                                let old = UInt64(
                                    littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                                let new = old & ~(ones &* 0xFF) | ones &* paint
                                base.storeBytes(of: new.littleEndian, toByteOffset: offset, as: UInt64.self)
                            }
                            continue
                        }
                        // Eight dots per step; a dark run of the row costs one test.
                        while word != 0 && column < columns {
                            let byte = Int(truncatingIfNeeded: word & 0xFF)
                            if byte != 0 {
                                let offset = rowStart &+ column
                                if column &+ 8 <= columns {
                                    // Eight dots in one store: clear the lit ones, then paint them.
                                    let ones = Self.spread(UInt64(truncatingIfNeeded: byte))
                                    let old = UInt64(
                                        littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                                    let new = old & ~(ones &* 0xFF) | ones &* paint
                                    base.storeBytes(of: new.littleEndian, toByteOffset: offset, as: UInt64.self)
                                } else {
                                    for bit in 0..<(columns - column) where byte >> bit & 1 != 0 {
                                        dots[offset + bit] = color.rawValue
                                    }
                                }
                            }
                            word >>= 8
                            column &+= 8
                        }
                    }
                }
            }
        }
    }

    /// The eight bytes 0 or 1 that the bits of `byte` stand for, bit 0 in the lowest byte,
    /// without a table: copy the byte into every byte, keep bit i in byte i, and turn each
    /// non-zero byte into 1 by a carry into its top bit.
    static func spread(_ byte: UInt64) -> UInt64 {
        let kept = byte &* 0x0101_0101_0101_0101 & 0x8040_2010_0804_0201
        return (kept &+ 0x0040_6070_787C_7E7F) >> 7 & 0x0101_0101_0101_0101
    }
}
