import CZlib

/// An 8-bit RGB picture encoded as PNG. Deflate and CRC come from zlib; only the chunk framing
/// (signature, IHDR, IDAT, IEND) is written here.
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` bytes, row by row.
    public var rgb: [UInt8]

    public init(width: Int, height: Int, background: (UInt8, UInt8, UInt8) = (0, 0, 0)) {
        self.width = width
        self.height = height
        rgb = [UInt8](repeating: 0, count: width * height * 3)
        for pixel in 0..<width * height {
            rgb[pixel * 3] = background.0
            rgb[pixel * 3 + 1] = background.1
            rgb[pixel * 3 + 2] = background.2
        }
    }

    public mutating func set(x: Int, y: Int, _ color: (UInt8, UInt8, UInt8)) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let offset = (y * width + x) * 3
        rgb[offset] = color.0
        rgb[offset + 1] = color.1
        rgb[offset + 2] = color.2
    }

    public func encoded() -> [UInt8] {
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity(height * (width * 3 + 1))
        for y in 0..<height {
            scanlines.append(0)  // filter type None
            scanlines += rgb[y * width * 3..<(y + 1) * width * 3]
        }
        var header = Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits per channel, RGB, deflate, adaptive filtering, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + Self.chunk("IHDR", header) + Self.chunk("IDAT", Self.deflate(scanlines)) + Self.chunk("IEND", [])
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        let checksum = body.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        return bigEndian(UInt32(data.count)) + body + bigEndian(UInt32(checksum))
    }

    private static func deflate(_ data: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { compress2(out.baseAddress, &length, $0.baseAddress, uLong($0.count), 9) }
        }
        precondition(status == Z_OK, "zlib compress2 failed with \(status) on a buffer sized by compressBound")
        return Array(output[..<Int(length)])
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
