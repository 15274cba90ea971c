/// A bounded least-recently-used cache of rasterised glyphs, so that steady-state rendering never
/// calls the rasterizer, and a lookup costs two array reads (no hashing: it runs for every
/// character of every page).
///
/// Code points are found through a two-level table: a directory with one entry per block of 256
/// code points, and blocks of 256 slot numbers allocated when a block is first used (the common
/// ideographs fill about 82 blocks; all of Unicode would be 4,352 blocks of 1 KiB, the bound).
/// Recency is a use counter per entry. When the cache is full, the oldest quarter goes in one
/// sweep, which keeps eviction amortised O(1) without a linked list.
///
/// The glyphs are kept as plain values: each entry's placement (`Placement`), and all bitmaps
/// as rows of 64-bit words in one pool. Drawing a character reads them through the pool without
/// reference counting (issue 22's benchmark); `Glyph` values are made only for callers that
/// ask for one.
public struct GlyphCache: Sendable {
    /// Counters for status and benchmarks.
    public struct Statistics: Sendable, Equatable {
        public var hits = 0
        public var misses = 0
        public var evictions = 0
        public var entries = 0
        /// Bytes held by glyph bitmaps (the dominant cost).
        public var bitmapBytes = 0
    }

    /// How to draw one cached glyph: FreeType's metrics, and where its bitmap lies in the pool
    /// (`rows` rows of `wordsPerRow` words from `start`, bit 0 of a row's first word its
    /// leftmost dot, as in `Bitplane`).
    struct Placement {
        var left: Int32
        var top: Int32
        var advance: Int32
        var width: Int32
        var rows: Int32
        var wordsPerRow: Int32
        var start: Int
        var isMissing: Bool

        var wordCount: Int { Int(rows) * Int(wordsPerRow) }
    }

    /// A run of characters looked up for drawing: each one's entry number and advance.
    struct Run {
        var entries: [Int32]
        var advances: [Int]
    }

    /// The cache's glyphs for drawing, valid until the next lookup.
    struct Pool {
        let placements: UnsafeBufferPointer<Placement>
        let words: UnsafeBufferPointer<UInt64>

        /// The bitmap of entry `entry`, and how to place it.
        @inline(__always)
        subscript(entry: Int32) -> (placement: Placement, words: UnsafeBufferPointer<UInt64>) {
            let placement = placements[Int(entry)]
            return (
                placement, UnsafeBufferPointer(rebasing: words[placement.start..<placement.start + placement.wordCount])
            )
        }
    }

    public let capacity: Int
    /// Bitmap bytes held at most (a 512-pixel glyph alone is about 300 KB).
    public let byteCapacity: Int
    public private(set) var statistics = Statistics()
    /// For each block of 256 code points, where its slots start in `slots`, or -1.
    private var directory = [Int32](repeating: -1, count: 0x110000 >> 8)
    /// Blocks of 256 entry numbers, -1 where the code point is not cached.
    private var slots: [Int32] = []
    // The entries, one array per field: eviction sorts by use without touching the glyphs.
    private var codePoints: [UInt32] = []
    private var placements: [Placement] = []
    private var lastUses: [UInt64] = []
    /// The bitmaps, one after another; evicted ones stay as dead words until compaction.
    private var pool: [UInt64] = []
    private var deadWords = 0
    /// Entry numbers freed by eviction (their code point is `freed`), reused before the entries grow.
    private var free: [Int32] = []
    private static let freed = UInt32.max
    private var clock: UInt64 = 0
    /// Entries used at or after this use are never evicted: those of the run being looked up.
    private var protectedSince = UInt64.max
    /// Entries, and their bitmap bytes, that the run being looked up holds.
    private var protectedEntries = 0
    private var protectedBytes = 0

    public init(capacity: Int = 4096, byteCapacity: Int = 64 << 20) {
        precondition(capacity >= 4, "a glyph cache holds at least a few glyphs")
        self.capacity = capacity
        self.byteCapacity = byteCapacity
    }

    /// The cached glyph for `codePoint`, or the one `rasterize` makes, which is then kept.
    public mutating func glyph(for codePoint: UInt32, rasterize: () -> Glyph) -> Glyph {
        guard codePoint <= 0x10FFFF else { return rasterize() }  // not a code point: nothing to keep
        let index = entry(for: codePoint, rasterize: rasterize)  // first: the receiver is read before arguments
        return glyph(at: index)
    }

    /// The glyphs for `scalars`, in one call (one exclusive access for the whole run).
    public mutating func glyphs(for scalars: [Unicode.Scalar], rasterize: (Unicode.Scalar) -> Glyph) -> [Glyph] {
        scalars.map { scalar in glyph(for: scalar.value) { rasterize(scalar) } }
    }

    /// The entries of every paragraph's characters, for drawing from `withPool`. None of them
    /// is evicted while the paragraphs are looked up, so all stay valid together (a text with
    /// more different characters than the count capacity holds them all until the next
    /// lookup). `nil` when their bitmaps alone would exceed the byte capacity: the text is
    /// refused, not drawn with unbounded memory.
    mutating func runs(for paragraphs: [[Unicode.Scalar]], rasterize: (Unicode.Scalar) -> Glyph) -> [Run]? {
        protectedSince = clock &+ 1
        (protectedEntries, protectedBytes) = (0, 0)
        defer { protectedSince = .max }
        var runs: [Run] = []
        runs.reserveCapacity(paragraphs.count)
        for paragraph in paragraphs {
            var run = Run(entries: [], advances: [])
            run.entries.reserveCapacity(paragraph.count)
            run.advances.reserveCapacity(paragraph.count)
            for scalar in paragraph {
                let entry = entry(for: scalar.value) { rasterize(scalar) }
                guard protectedBytes <= byteCapacity else { return nil }
                run.entries.append(Int32(truncatingIfNeeded: entry))
                run.advances.append(Int(placements[entry].advance))
            }
            runs.append(run)
        }
        return runs
    }

    /// Calls `body` with the cached bitmaps and placements.
    func withPool<Result>(_ body: (Pool) -> Result) -> Result {
        placements.withUnsafeBufferPointer { placements in
            pool.withUnsafeBufferPointer { words in body(Pool(placements: placements, words: words)) }
        }
    }

    /// The entry number of `codePoint`'s glyph, rasterised and kept first if new.
    @inline(__always)
    private mutating func entry(for codePoint: UInt32, rasterize: () -> Glyph) -> Int {
        clock &+= 1
        let slot = self.slot(for: codePoint)
        let index = Int(slots[slot])
        if index >= 0 {
            if lastUses[index] < protectedSince { holdForRun(index) }  // first use in this run
            lastUses[index] = clock
            statistics.hits += 1
            return index
        }
        statistics.misses += 1
        // Full, and something the run being looked up does not hold could go (when it holds
        // everything, a sweep would find nothing: skipped, or each miss would cost a sweep).
        if statistics.entries >= capacity || statistics.bitmapBytes >= byteCapacity,
            protectedSince == .max || protectedEntries < statistics.entries
        {
            evictOldestQuarter()
        }
        let stored = keep(rasterize(), for: codePoint)
        slots[slot] = Int32(stored)
        holdForRun(stored)
        return stored
    }

    /// Counts entry `index` among those the run being looked up holds, if one is.
    private mutating func holdForRun(_ index: Int) {
        guard clock >= protectedSince else { return }
        protectedEntries += 1
        protectedBytes += placements[index].wordCount * MemoryLayout<UInt64>.size
    }

    /// Stores `glyph` as a new entry and returns its number.
    private mutating func keep(_ glyph: Glyph, for codePoint: UInt32) -> Int {
        let picture = Bitplane(width: glyph.width, height: glyph.rows, bits: glyph.bits)
        let placement = Placement(
            left: Int32(clamping: glyph.left), top: Int32(clamping: glyph.top), advance: Int32(clamping: glyph.advance),
            width: Int32(clamping: glyph.width), rows: Int32(clamping: glyph.rows),
            wordsPerRow: Int32(clamping: picture.wordsPerRow), start: pool.count, isMissing: glyph.isMissing)
        pool += picture.words
        let stored: Int
        if let reused = free.popLast() {
            stored = Int(reused)
            (codePoints[stored], placements[stored], lastUses[stored]) = (codePoint, placement, clock)
        } else {
            stored = placements.count
            codePoints.append(codePoint)
            placements.append(placement)
            lastUses.append(clock)
        }
        statistics.entries += 1
        statistics.bitmapBytes += placement.wordCount * MemoryLayout<UInt64>.size
        return stored
    }

    /// Entry `index` as a `Glyph` value.
    private func glyph(at index: Int) -> Glyph {
        let placement = placements[index]
        let (width, rows, wordsPerRow) = (Int(placement.width), Int(placement.rows), Int(placement.wordsPerRow))
        var bits = [UInt8](repeating: 0, count: width * rows)
        for row in 0..<rows {
            for column in 0..<width
            where pool[placement.start + row * wordsPerRow + column / 64] >> (column % 64) & 1 != 0 {
                bits[row * width + column] = 1
            }
        }
        return Glyph(
            width: width, rows: rows, left: Int(placement.left), top: Int(placement.top),
            advance: Int(placement.advance), bits: bits, isMissing: placement.isMissing)
    }

    /// The position of `codePoint` in `slots`, its block allocated if new.
    @inline(__always)
    private mutating func slot(for codePoint: UInt32) -> Int {
        let block = Int(codePoint >> 8)
        if directory[block] < 0 {
            directory[block] = Int32(slots.count)
            slots += repeatElement(-1, count: 256)
        }
        return Int(directory[block]) + Int(codePoint & 0xFF)
    }

    /// The least recently used quarter of the entries goes (never one of the run being looked
    /// up); the pool is compacted once half of it is dead.
    private mutating func evictOldestQuarter() {
        let candidates = codePoints.indices.filter { codePoints[$0] != Self.freed && lastUses[$0] < protectedSince }
        let victims = candidates.sorted { lastUses[$0] < lastUses[$1] }.prefix(max(statistics.entries / 4, 1))
        for index in victims {
            slots[slot(for: codePoints[index])] = -1
            codePoints[index] = Self.freed
            let words = placements[index].wordCount
            statistics.bitmapBytes -= words * MemoryLayout<UInt64>.size
            deadWords += words
            free.append(Int32(index))
        }
        statistics.evictions += victims.count
        statistics.entries -= victims.count
        if deadWords > pool.count / 2 { compact() }
    }

    /// Rewrites the pool without the dead words (entry numbers stay).
    private mutating func compact() {
        var compacted: [UInt64] = []
        compacted.reserveCapacity(pool.count - deadWords)
        for index in placements.indices where codePoints[index] != Self.freed {
            let start = placements[index].start
            placements[index].start = compacted.count
            compacted += pool[start..<start + placements[index].wordCount]
        }
        pool = compacted
        deadWords = 0
    }
}
