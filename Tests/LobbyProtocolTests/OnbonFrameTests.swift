import PropertyBased
import Testing

@testable import LobbyProtocol

/// The Onbon BX frame against public references: the example frames given byte for byte in
/// the comments of LuckyKoala/BX5KProtocol (BX4K.c: ping, status query, clear screen and a
/// dynamic-area text frame) and in Onbon's 6th-generation dynamic-area manual
/// (onbonlab/BX-V-VI, 6th动态区域用户手册.md: the ping), the CRC-16/ARC check value from the
/// CRC catalogue, and our own decoder, written apart from the encoder, over every byte value
/// and random frames of both layouts.
@Suite struct OnbonFrameTests {
    static let header: [UInt8] = [0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5]
    static let toDefaultCard: [UInt8] = [0x01, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFE, 0x02]

    @Test func pingAsTheReferenceWritesIt() throws {
        let expected = Self.header + Self.toDefaultCard + [0x05, 0x00, 0xA2, 0x00, 0x01, 0x00, 0x00, 0x68, 0xF8, 0x5A]
        #expect(try OnbonFrame(command: .ping).encoded() == expected)
    }

    @Test func statusQueryAsTheReferenceWritesIt() throws {
        let expected = Self.header + Self.toDefaultCard + [0x05, 0x00, 0xA1, 0x02, 0x01, 0x00, 0x00, 0x2D, 0x40, 0x5A]
        #expect(try OnbonFrame(command: .status).encoded() == expected)
    }

    @Test func clearAsTheReferenceWritesIt() throws {
        let expected = Self.header + Self.toDefaultCard + [0x05, 0x00, 0xA3, 0x10, 0x01, 0x00, 0x00, 0x51, 0xF8, 0x5A]
        #expect(try OnbonFrame(command: .clear).encoded() == expected)
    }

    /// The manual's ping for the 6th generation: to any card (FFFE) of any type (FFFE), the
    /// 16-byte header with protocol F0 and a four-byte length, reply flag before the command.
    @Test func sixthGenerationPingAsTheManualWritesIt() throws {
        let expected =
            Self.header
            + [0xFE, 0xFF, 0x00, 0x80, 0xF0, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00]
            + [0x01, 0xA2, 0x00, 0x00, 0x00, 0xC6, 0x86, 0x5A]
        let frame = OnbonFrame(command: .ping, layout: .sixthGeneration, destination: 0xFFFE)
        #expect(try frame.encoded() == expected)
        var decoder = OnbonDecoder()
        #expect(decoder.feed(expected) == [.frame(frame)])
    }

    /// The reference's annotated dynamic-area frame: one area of 192×32 dots showing
    /// "012345QRSTTV'B" moving left; processing mode 0x2D.
    @Test func dynamicAreaTextAsTheReferenceWritesIt() throws {
        let area: [UInt8] =
            [0x00, 0x00, 0x00, 0x00, 0x00, 0x18, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00]
            + [0x02, 0x02, 0x03, 0x00, 0x04, 0x05, 0x0E, 0x00, 0x00, 0x00]
            + [0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x51, 0x52, 0x53, 0x54, 0x54, 0x56, 0x27, 0x42]
        #expect(area.count == 0x29)
        let data: [UInt8] = [0x00, 0x01, 0x29, 0x00] + area
        let expected =
            Self.header + Self.toDefaultCard + [0x32, 0x00, 0xA3, 0x06, 0x01, 0x2D, 0x00] + data + [0xA8, 0x7D, 0x5A]
        let frame = OnbonFrame(command: .dynamicArea, parameters: (0x2D, 0x00), data: data)
        #expect(try frame.encoded() == expected)
        var decoder = OnbonDecoder()
        #expect(decoder.feed(expected) == [.frame(frame)])
    }

    /// The catalogue's check value for CRC-16/ARC: the CRC of the ASCII digits 1 to 9.
    @Test func crcCheckValue() {
        #expect(OnbonCRC.checksum(Array("123456789".utf8)) == 0xBB3D)
        #expect(OnbonCRC.checksum([]) == 0)
    }

    /// A reflected CRC without final XOR leaves no remainder over data followed by its CRC,
    /// low byte first: the receiver's check, for any data.
    @Test func crcOfDataAndItsCRCIsZero() async {
        await propertyCheck(count: 500, input: Gen.uint8().array(of: 0...300)) { bytes in
            let crc = OnbonCRC.checksum(bytes)
            #expect(OnbonCRC.checksum(bytes + [UInt8(crc & 0xFF), UInt8(crc >> 8)]) == 0)
        }
    }

    /// Every byte value, alone and in runs, survives stuffing; the frame's inside never holds a
    /// start or end byte.
    @Test func everyByteValueIsStuffedAndRead() throws {
        for value in 0...255 {
            let data = [UInt8](repeating: UInt8(value), count: 3)
            let frame = OnbonFrame(command: .dynamicArea, parameters: (UInt8(value), 0), data: data)
            let wire = try frame.encoded()
            let inside = wire.dropFirst(8).dropLast()
            #expect(!inside.contains(0xA5) && !inside.contains(0x5A), "byte \(value)")
            var decoder = OnbonDecoder()
            #expect(decoder.feed(wire) == [.frame(frame)], "byte \(value)")
        }
    }

    /// Random frames, sent back to back and cut into random pieces, are read as sent.
    @Test func randomFramesRoundTrip() async {
        await propertyCheck(
            count: 300, input: Gen.uint8().array(of: 0...400), Gen.uint16(), Gen.uint8(), Gen.int(in: 1...64)
        ) { data, address, code, piece in
            let frames = [
                OnbonFrame(command: .init(group: 0xA3, code: code), data: data, destination: address),
                OnbonFrame(command: .ping, reply: .none), OnbonFrame(command: .status, data: data.reversed()),
                OnbonFrame(
                    command: .init(group: 0xA7, code: code), layout: .sixthGeneration, data: data,
                    destination: address, deviceType: address),
            ]
            let wire = try frames.flatMap { try $0.encoded() }
            var decoder = OnbonDecoder()
            var outputs: [OnbonDecoder.Output] = []
            for start in stride(from: 0, to: wire.count, by: piece) {
                outputs += decoder.feed(wire[start..<min(start + piece, wire.count)])
            }
            #expect(outputs == frames.map { .frame($0) })
            #expect(decoder.pendingBytes == 0)
        }
    }

    /// A frame with any one byte changed is refused, and the frame after it is still read.
    @Test func damagedFramesAreRefusedAndTheNextIsRead() async throws {
        let sent = OnbonFrame(command: .status, data: Array(0..<40))
        let good = try sent.encoded()
        await propertyCheck(count: 500, input: Gen.int(in: 8..<(good.count - 1)), Gen.uint8()) { index, value in
            var damaged = good
            guard damaged[index] != value else { return }
            damaged[index] = value
            var decoder = OnbonDecoder()
            let outputs = decoder.feed(damaged + good)
            #expect(outputs.last == .frame(sent))
            #expect(!outputs.dropLast().contains { if case .frame = $0 { true } else { false } })
        }
    }

    /// Fed a byte at a time (a slow serial line), a long frame is searched for its end once,
    /// and read as sent; a run of start bytes of any length opens a frame.
    @Test func aByteAtATime() throws {
        let frame = OnbonFrame(command: .dynamicArea, data: (0..<6_000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        let wire = [UInt8](repeating: 0xA5, count: 3_000) + (try frame.encoded())
        var decoder = OnbonDecoder()
        var outputs: [OnbonDecoder.Output] = []
        for byte in wire { outputs += decoder.feed([byte]) }
        #expect(outputs == [.frame(frame)])
        #expect(decoder.pendingBytes == 0)
        var tiny = OnbonDecoder(maximumFrameBytes: 0)
        #expect(tiny.maximumFrameBytes == 64 && tiny.feed([0xA5]).isEmpty)
    }

    @Test func eachProblemIsNamed() throws {
        let ping = try OnbonFrame(command: .ping).encoded()
        func problems(_ bytes: [UInt8]) -> [OnbonDecoder.Problem] {
            var decoder = OnbonDecoder(maximumFrameBytes: 100)
            return decoder.feed(bytes).compactMap { if case .malformed(let problem) = $0 { problem } else { nil } }
        }
        #expect(problems([0x00, 0x11] + ping) == [.noise(bytes: 2)])
        #expect(problems(Array(ping.prefix(15)) + ping) == [.cutShort])
        var badCRC = ping
        badCRC[badCRC.count - 2] ^= 0x01
        #expect(problems(badCRC) == [.badCRC(computed: 0xF868, received: 0xF968)])
        #expect(problems(Self.header + [0xA6, 0x03] + Array(ping.dropFirst(8))) == [.badEscape(offset: 0)])
        #expect(problems(Self.header + [0x01, 0x02, 0x5A]) == [.tooShort(bytes: 2)])
        var longer = Array(ping.dropLast(3))
        longer += [0x00] + ping.suffix(3)
        #expect(problems(longer).first == .wrongLength(declared: 5, actual: 6))
        #expect(problems(Self.header + [UInt8](repeating: 0x01, count: 200)) == [.tooLong(bytes: 100)])
        var noVersion = Array(ping.dropFirst(8).dropLast(3))
        noVersion[11] = 0x03
        let crc = OnbonCRC.checksum(noVersion)
        #expect(
            problems(Self.header + OnbonFrame.stuffed(noVersion + [UInt8(crc & 0xFF), UInt8(crc >> 8)]) + [0x5A])
                == [.unknownVersion])
    }
}
