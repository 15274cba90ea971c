extension Frame {
    /// Binary PBM (P4): lit dots are 1 ("ink"), whatever their colour; rows packed MSB first.
    /// Small, diffable with `cmp`, viewable everywhere: the golden-test format.
    public func pbm() -> [UInt8] {
        var bytes = Array("P4\n\(width) \(height)\n".utf8)
        let rowBytes = (width + 7) / 8
        for y in 0..<height {
            var row = [UInt8](repeating: 0, count: rowBytes)
            for x in 0..<width where dots[y * width + x] != DotColor.off.rawValue {
                row[x >> 3] |= 0x80 >> UInt8(x & 7)
            }
            bytes += row
        }
        return bytes
    }

    /// Reads a P4 PBM as written by `pbm()` (lit dots in `color`); `nil` if it is not one.
    public init?(pbm bytes: [UInt8], color: DotColor = .red) {
        var fields: [Int] = []
        var index = 2
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "4") else { return nil }
        while fields.count < 2 && index < bytes.count {
            while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x0A) { index += 1 }
            var value = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            fields.append(value)
        }
        index += 1
        guard fields.count == 2, fields[0] > 0, fields[1] > 0 else { return nil }
        let rowBytes = (fields[0] + 7) / 8
        guard bytes.count - index == rowBytes * fields[1] else { return nil }
        self.init(width: fields[0], height: fields[1])
        for y in 0..<height {
            for x in 0..<width where bytes[index + y * rowBytes + x >> 3] & (0x80 >> UInt8(x & 7)) != 0 {
                self[x, y] = color
            }
        }
    }
}
