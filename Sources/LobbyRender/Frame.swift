/// What one dot of the panel shows.
public enum DotColor: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case off = 0
    case red = 1
    case green = 2
    /// Red and green lit together.
    case amber = 3

    public var description: String {
        switch self {
        case .off: "off"
        case .red: "red"
        case .green: "green"
        case .amber: "amber"
        }
    }
}

/// One picture for the panel: `width` × `height` dots, row-major, each off or one colour.
///
/// Knows nothing of fonts or wires. Equality is a byte comparison and `contentHash` a stable
/// 64-bit FNV-1a over size and dots, so identical pages are recognised without re-uploading.
public struct Frame: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let width: Int
    public let height: Int
    /// `DotColor` raw values, `width * height` of them, row by row from the top left.
    public private(set) var dots: [UInt8]

    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "a frame has at least one dot")
        self.width = width
        self.height = height
        dots = [UInt8](repeating: DotColor.off.rawValue, count: width * height)
    }

    /// A frame whose every dot `initialize` writes (it is handed uninitialised memory).
    init(width: Int, height: Int, initialize: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        precondition(width > 0 && height > 0, "a frame has at least one dot")
        self.width = width
        self.height = height
        dots = [UInt8](unsafeUninitializedCapacity: width * height) { buffer, count in
            initialize(buffer)
            count = width * height
        }
    }

    public subscript(x: Int, y: Int) -> DotColor {
        get { DotColor(rawValue: dots[y * width + x])! }
        set { dots[y * width + x] = newValue.rawValue }
    }

    /// Lights a dot; dots outside the frame are clipped, as a panel clips them.
    public mutating func light(x: Int, y: Int, _ color: DotColor) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        dots[y * width + x] = color.rawValue
    }

    /// The dots as raw memory, for drawing many at once (`paint`).
    mutating func withUnsafeMutableDots<Result>(_ body: (UnsafeMutableBufferPointer<UInt8>) -> Result) -> Result {
        dots.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Number of lit dots: a cheap "is it blank" and a coarse checksum for logs.
    public var litCount: Int {
        dots.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
    }

    /// Stable across runs and machines (unlike `hashValue`), for content-addressed uploads.
    public var contentHash: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in [UInt8(truncatingIfNeeded: width), UInt8(truncatingIfNeeded: width >> 8)]
            + [UInt8(truncatingIfNeeded: height), UInt8(truncatingIfNeeded: height >> 8)] + dots
        {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// `192x32 frame, 312 dots lit, hash 5a0c…`: enough to tell frames apart in logs and test failures.
    public var description: String {
        // lint: not for people (debug)
        "\(width)x\(height) frame, \(litCount) dots lit, hash \(String(contentHash, radix: 16))"
    }

    public var debugDescription: String { description }

    /// The `width`-dot-wide window of this frame starting at column `x`, for scrolling a strip;
    /// columns beyond the strip, and from `showing` on, are dark.
    public func window(x: Int, width windowWidth: Int, showing: Int? = nil) -> Frame {
        var window = Frame(width: windowWidth, height: height)
        for row in 0..<height {
            for column in 0..<max(0, min(windowWidth, showing ?? windowWidth))
            where x + column >= 0 && x + column < width {
                window.dots[row * windowWidth + column] = dots[row * width + x + column]
            }
        }
        return window
    }
}
