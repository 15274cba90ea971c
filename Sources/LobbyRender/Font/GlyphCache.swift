/// A bounded least-recently-used cache of rasterised glyphs, so that steady-state rendering never
/// calls the rasterizer.
///
/// Recency is a use counter per entry. When the cache is full, the oldest quarter goes in one
/// sweep. That keeps lookups O(1) and makes eviction amortised O(1) without a linked list.
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
    public private(set) var statistics = Statistics()
    private var entries: [UInt32: (glyph: Glyph, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0

    public init(capacity: Int = 4096) {
        precondition(capacity >= 4, "a glyph cache holds at least a few glyphs")
        self.capacity = capacity
    }

    /// The cached glyph for `codePoint`, or the one `rasterize` makes, which is then kept.
    public mutating func glyph(for codePoint: UInt32, rasterize: () -> Glyph) -> Glyph {
        clock &+= 1
        if let entry = entries[codePoint] {
            entries[codePoint]?.lastUse = clock
            statistics.hits += 1
            return entry.glyph
        }
        statistics.misses += 1
        if entries.count >= capacity { evictOldestQuarter() }
        let glyph = rasterize()
        entries[codePoint] = (glyph, clock)
        statistics.entries = entries.count
        statistics.bitmapBytes += glyph.bits.count
        return glyph
    }

    private mutating func evictOldestQuarter() {
        let victims = entries.sorted { $0.value.lastUse < $1.value.lastUse }.prefix(max(capacity / 4, 1))
        for (codePoint, entry) in victims {
            entries[codePoint] = nil
            statistics.bitmapBytes -= entry.glyph.bits.count
        }
        statistics.evictions += victims.count
        statistics.entries = entries.count
    }
}
