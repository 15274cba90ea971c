/// One packet as it arrived: who it is for and what it says.
public struct AlphaPacket: Sendable, Equatable {
    public var type: UInt8
    public var address: String
    public var command: UInt8
    /// Everything between the command code and ETX.
    public var data: [UInt8]
}

/// Reads Alpha packets from a byte stream, strictly: framing, checksum and size are checked and
/// anything wrong is reported and skipped, never trusted. Written from the protocol description
/// independently of `AlphaEncoder` (they share only `AlphaConstants`), so each checks the other.
public struct AlphaDecoder: Sendable {
    public enum Output: Sendable, Equatable {
        case packet(AlphaPacket)
        /// Bytes that are not a valid packet, and why; the decoder resynchronises at the next SOH.
        case malformed(String)
    }

    /// Longest packet accepted (a 255×255 picture is about 65 KB); longer is noise or an attack.
    public let maximumPacketBytes: Int
    private var buffer: [UInt8] = []

    public init(maximumPacketBytes: Int = 70_000) {
        self.maximumPacketBytes = maximumPacketBytes
    }

    /// Bytes buffered while waiting for the rest of a packet (bounded by `maximumPacketBytes`).
    public var pendingBytes: Int { buffer.count }

    public mutating func feed(_ bytes: [UInt8]) -> [Output] {
        buffer += bytes
        var outputs: [Output] = []
        while let output = next() { outputs.append(output) }
        return outputs
    }

    /// One complete packet or one complaint from the front of the buffer, or `nil` to wait.
    private mutating func next() -> Output? {
        let noise = buffer.prefix { $0 != AlphaConstants.soh }
        if !noise.isEmpty {
            buffer.removeFirst(noise.count)
            if noise.contains(where: { $0 != AlphaConstants.nul }) {
                return .malformed("\(noise.filter { $0 != AlphaConstants.nul }.count) byte(s) outside any packet")
            }
        }
        guard buffer.count >= 5 else { return nil }
        guard buffer[4] == AlphaConstants.stx else { return drop(1, "no STX after the 4-byte header") }
        let body = buffer[5...]
        if let restart = body.firstIndex(of: AlphaConstants.soh),
            body.firstIndex(of: AlphaConstants.etx).map({ restart < $0 }) ?? true
        {
            return drop(restart, "packet cut short: a new SOH came before ETX")
        }
        guard let end = body.firstIndex(of: AlphaConstants.etx) else {
            return buffer.count > maximumPacketBytes
                ? drop(buffer.count, "packet longer than \(maximumPacketBytes) bytes") : nil
        }
        guard buffer.count >= end + 6 else { return nil }
        let framed = Array(buffer[4...end])
        let sum = framed.reduce(0) { ($0 + Int($1)) & 0xFFFF }
        guard let stated = AlphaConstants.hexValue(buffer[(end + 1)...(end + 4)]), stated == sum
        else {
            return drop(end + 5, "checksum mismatch")
        }
        guard buffer[end + 5] == AlphaConstants.eot else { return drop(end + 5, "no EOT after the checksum") }
        guard framed.count >= 3 else { return drop(end + 6, "empty packet") }
        let packet = AlphaPacket(
            type: buffer[1], address: String(decoding: buffer[2...3], as: UTF8.self), command: framed[1],
            data: Array(framed[2..<(framed.count - 1)]))
        buffer.removeFirst(end + 6)
        return .packet(packet)
    }

    private mutating func drop(_ count: Int, _ reason: String) -> Output {
        buffer.removeFirst(min(max(count, 1), buffer.count))
        return .malformed(reason)
    }
}
