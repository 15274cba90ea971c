/// A bounded least-recently-used cache of rasterised glyphs, so that steady-state rendering never
/// calls the rasterizer, and a lookup costs two array reads (no hashing: it runs for every
/// character of every page).
///
/// Code points are found through a two-level table: a directory with one entry per block of 256
/// code points, and blocks of 256 slot numbers allocated when a block is first used (the common
/// ideographs fill about 82 blocks; all of Unicode would be 4,352 blocks of 1 KiB, the bound).
/// Recency is a use counter per entry. When the cache is full, the oldest quarter goes in one
/// sweep, which keeps eviction amortised O(1) without a linked list.
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
    private var glyphs: [Glyph] = []
    private var lastUses: [UInt64] = []
    /// Entry numbers freed by eviction, reused before the entries grow.
    private var free: [Int32] = []
    private var clock: UInt64 = 0

    public init(capacity: Int = 4096, byteCapacity: Int = 64 << 20) {
        precondition(capacity >= 4, "a glyph cache holds at least a few glyphs")
        self.capacity = capacity
        self.byteCapacity = byteCapacity
    }

    /// The cached glyph for `codePoint`, or the one `rasterize` makes, which is then kept.
    public mutating func glyph(for codePoint: UInt32, rasterize: () -> Glyph) -> Glyph {
        guard codePoint <= 0x10FFFF else { return rasterize() }  // not a code point: nothing to keep
        return glyphs[entry(for: codePoint, rasterize: rasterize)]
    }

    /// The entry number of `codePoint`'s glyph, rasterised and kept first if new.
    @inline(__always)
    private mutating func entry(for codePoint: UInt32, rasterize: () -> Glyph) -> Int {
        clock &+= 1
        let slot = self.slot(for: codePoint)
        let index = Int(slots[slot])
        if index >= 0 {
            lastUses[index] = clock
            statistics.hits += 1
            return index
        }
        statistics.misses += 1
        if statistics.entries >= capacity || statistics.bitmapBytes >= byteCapacity { evictOldestQuarter() }
        let glyph = rasterize()
        let stored: Int
        if let reused = free.popLast() {
            stored = Int(reused)
            (codePoints[stored], glyphs[stored], lastUses[stored]) = (codePoint, glyph, clock)
        } else {
            stored = glyphs.count
            codePoints.append(codePoint)
            glyphs.append(glyph)
            lastUses.append(clock)
        }
        slots[slot] = Int32(stored)
        statistics.entries += 1
        statistics.bitmapBytes += glyph.bitmapBytes
        return stored
    }

    /// The glyphs for `scalars`, in one call (one exclusive access for the whole run).
    public mutating func glyphs(for scalars: [Unicode.Scalar], rasterize: (Unicode.Scalar) -> Glyph) -> [Glyph] {
        var run: [Glyph] = []
        run.reserveCapacity(scalars.count)
        for scalar in scalars { run.append(glyph(for: scalar.value) { rasterize(scalar) }) }
        return run
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

    private static let evicted = Glyph(width: 0, rows: 0, left: 0, top: 0, advance: 0, bits: [])

    /// The least recently used quarter of the entries goes.
    private mutating func evictOldestQuarter() {
        let freed = Set(free)
        let live = lastUses.indices.filter { !freed.contains(Int32($0)) }
        let victims = live.sorted { lastUses[$0] < lastUses[$1] }.prefix(max(live.count / 4, 1))
        for index in victims {
            slots[slot(for: codePoints[index])] = -1
            statistics.bitmapBytes -= glyphs[index].bitmapBytes
            glyphs[index] = Self.evicted  // its bitmap is freed now, not when the entry is reused
            free.append(Int32(index))
        }
        statistics.evictions += victims.count
        statistics.entries -= victims.count
    }
}
