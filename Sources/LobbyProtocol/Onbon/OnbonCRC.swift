/// The frame check of the Onbon BX protocol: CRC-16 with the reflected polynomial 0xA001,
/// starting from 0, without a final XOR (the parameters catalogues call CRC-16/ARC), sent
/// low byte first. Computed bit by bit: at 9600 baud the line, not this loop, is the limit.
public enum OnbonCRC {
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1
            }
        }
        return crc
    }
}
