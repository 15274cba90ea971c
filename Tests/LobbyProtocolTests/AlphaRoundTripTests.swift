import LobbyProtocol
import LobbyRender
import LobbySimulation
import PropertyBased
import Testing

@Suite("Alpha encoder, decoder and sign agree")
struct AlphaRoundTripTests {
    /// Feeds every transmission to a fresh decoder and sign, failing on any complaint.
    static func show(_ transmissions: [Transmission], on sign: inout AlphaSign) -> [String] {
        answers(to: transmissions, on: &sign).complaints
    }

    /// What `sign` answers to `transmissions`, and its complaints about them.
    static func answers(to transmissions: [Transmission], on sign: inout AlphaSign) -> (
        answer: [UInt8], complaints: [String]
    ) {
        var decoder = AlphaDecoder()
        var answer: [UInt8] = []
        var complaints: [String] = []
        for output in decoder.feed(transmissions.flatMap(\.bytes)) {
            switch output {
            case .packet(let packet):
                do { answer += try sign.apply(packet) ?? [] } catch { complaints.append(error.description) }
            case .malformed(let reason):
                sign.noteDamagedPacket()
                complaints.append(reason)
            }
        }
        return (answer, complaints)
    }

    @Test("any picture written by the encoder is decoded by the sign dot for dot, runs and all, any size")
    func pictureRoundTrip() async {
        // Runs of random colours and lengths (up to 300, longer than one repeat's 256), laid
        // row after row; panels wider than 255 and taller than 31 dots included.
        await propertyCheck(
            count: 200, input: Gen.int(in: 1...300), Gen.int(in: 1...64), Gen.uint8(in: 0...3).array(of: 40),
            Gen.int(in: 1...300).array(of: 40)
        ) { width, height, colors, lengths in
            var frame = Frame(width: width, height: height)
            var (run, left) = (0, lengths[0])
            for y in 0..<height {
                for x in 0..<width {
                    frame[x, y] = DotColor(rawValue: colors[run % colors.count])!
                    left -= 1
                    if left == 0 { (run, left) = (run + 1, lengths[(run + 1) % lengths.count]) }
                }
            }
            let controller = try! AlphaController(address: "00", width: width, height: height, tricolor: true)
            var sign = AlphaSign(memoryPool: 16 * 300 * 64)
            let (transmissions, _) = try! controller.program(SignProgram(pages: [frame]), memory: SignMemory())
            #expect(Self.show(transmissions, on: &sign).isEmpty)
            #expect(sign.pages == [frame])
        }
    }

    @Test("the sign's clock runs from the time it was set, across midnight and the week's end")
    func clockRuns() throws {
        let controller = try AlphaController(address: "00", width: 8, height: 8, tricolor: false)
        var sign = AlphaSign()
        #expect(Self.show(controller.setClock(hour: 23, minute: 58, isoWeekday: 7), on: &sign).isEmpty)
        // The sign counts weekdays from Sunday (1) to Saturday (7).
        sign.passTime(seconds: 59.5)
        #expect(sign.clock == (23, 58) && sign.weekday == 1)
        sign.passTime(seconds: 0.5)
        #expect(sign.clock == (23, 59))
        sign.passTime(seconds: 61)
        #expect(sign.clock == (0, 0) && sign.weekday == 2)
        sign.passTime(seconds: 3 * 86_400 + 3600)
        #expect(sign.clock == (1, 0) && sign.weekday == 5)
        // What the probe reads back is the running clock.
        let (reply, complaints) = Self.answers(to: [controller.probe()], on: &sign)
        #expect(complaints.isEmpty)
        #expect(controller.probeReply(in: reply) == ProbeReply(hour: 1, minute: 0))
        // Setting the clock starts a new minute.
        #expect(Self.show(controller.setClock(hour: 8, minute: 20, isoWeekday: 3), on: &sign).isEmpty)
        sign.passTime(seconds: 59)
        #expect(sign.clock == (8, 20) && sign.weekday == 4)
    }

    @Test("random bytes never crash the decoder, and its buffer stays bounded")
    func randomBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...3000)) { bytes in
            var decoder = AlphaDecoder(maximumPacketBytes: 1000)
            var sign = AlphaSign()
            for output in decoder.feed(bytes) {
                if case .packet(let packet) = output { _ = try? sign.apply(packet) }
            }
            #expect(decoder.pendingBytes <= 1000 + 6)
        }
    }

    /// Ways a packet gets damaged on the wire, and what the decoder must say about each.
    enum Damage: String, CaseIterable, Sendable {
        case badChecksum = "checksum mismatch"
        case truncated = "cut short"
        case noise = "outside any packet"
        case missingEOT = "no EOT"

        func apply(_ packet: [UInt8]) -> [UInt8] {
            switch self {
            case .badChecksum:
                var bytes = packet
                bytes[bytes.count - 2] ^= 0x01
                return bytes
            case .truncated: return Array(packet.prefix(12))
            case .noise: return [0x41, 0x42] + packet
            case .missingEOT: return Array(packet.dropLast()) + [0x05]
            }
        }
    }

    @Test(
        "malformed packets are rejected and named, and the next good packet still gets through",
        arguments: Damage.allCases)
    func malformed(damage: Damage) {
        let encoder = AlphaEncoder()
        var decoder = AlphaDecoder()
        let outputs = decoder.feed(damage.apply(encoder.setTimeOfDay(hour: 9, minute: 0)) + encoder.softReset())
        #expect(
            outputs.contains { if case .malformed(let text) = $0 { text.contains(damage.rawValue) } else { false } },
            "\(outputs)")
        #expect(
            outputs.contains { if case .packet(let packet) = $0 { packet.data == [UInt8(ascii: ",")] } else { false } })
    }

    @Test("an oversize packet is rejected without buffering it all")
    func oversize() {
        var decoder = AlphaDecoder(maximumPacketBytes: 500)
        let outputs = decoder.feed([0x01, 0x5A, 0x30, 0x30, 0x02] + [UInt8](repeating: 0x30, count: 600))
        #expect(outputs == [.malformed("packet longer than 500 bytes")])
        #expect(decoder.pendingBytes == 0)
    }

    @Test("the sign refuses a picture for an unknown name or of the wrong size")
    func strictSign() throws {
        let encoder = AlphaEncoder()
        var sign = AlphaSign()
        var decoder = AlphaDecoder()
        let frame = Frame(width: 4, height: 2)
        let packets = decoder.feed(
            encoder.largePictureTable([
                AlphaLargePicture(name: Array("LOBBYPICa".utf8), rows: 2, columns: 3, tricolor: false)
            ])
                + encoder.writePicture(frame, name: Array("LOBBYPICa".utf8))
                + encoder.writePicture(frame, name: Array("LOBBYPICq".utf8)))
        guard packets.count == 3, case .packet(let memory) = packets[0], case .packet(let wrongSize) = packets[1],
            case .packet(let unknown) = packets[2]
        else {
            Issue.record("expected three packets, got \(packets)")
            return
        }
        _ = try sign.apply(memory)
        #expect(throws: AlphaSign.Refusal.self) { try sign.apply(wrongSize) }
        #expect(throws: AlphaSign.Refusal.self) { try sign.apply(unknown) }
    }
}

/// The sign's reading of a large picture's rows, on packets written by hand: what it accepts is
/// exactly the run-length form the encoder writes (protocol-docs/alpha.md), nothing looser.
@Suite("Alpha sign: large pictures and their runs")
struct AlphaLargePictureTests {
    static let name = Array("LOBBYPICa".utf8)
    let encoder = AlphaEncoder()

    /// A sign whose table holds one 4×1 mono picture, and the result of writing `rows` to it.
    func write(rows: [UInt8], rowCount: Int = 1, pool: Int = AlphaSign.defaultMemoryPool) -> (AlphaSign, String?) {
        var sign = AlphaSign(memoryPool: pool)
        var decoder = AlphaDecoder()
        let header = [UInt8(ascii: "M")] + Self.name + Array(String(format: "%04X0004", rowCount).utf8)
        let bytes =
            encoder.largePictureTable([AlphaLargePicture(name: Self.name, rows: rowCount, columns: 4, tricolor: false)])
            + encoder.packet(header + rows)
        for case .packet(let packet) in decoder.feed(bytes) {
            do { _ = try sign.apply(packet) } catch { return (sign, error.description) }
        }
        return (sign, nil)
    }

    @Test("11 XX c is c drawn XX + 1 times")
    func repeatCount() {
        let (sign, refusal) = write(rows: [0x11] + Array("021".utf8) + [UInt8(ascii: "0"), 0x0D])
        #expect(refusal == nil)
        var expected = Frame(width: 4, height: 1)
        for x in 0..<3 { expected[x, 0] = .red }
        #expect(sign.pictures[Self.name] == expected)
    }

    @Test(
        "rows that are not exactly the picture's width, or runs that are not 11 XX c, are refused",
        arguments: [
            ([0x11] + Array("031".utf8) + [UInt8(ascii: "0"), 0x0D], "runs past column 4"),
            ([0x11] + Array("0G1".utf8) + [0x0D], "is not 11 XX c"),
            ([0x11] + Array("-11".utf8) + [0x0D], "is not 11 XX c"),
            ([0x11] + Array("02".utf8), "is not 11 XX c"),
            (Array("000".utf8) + [0x0D], "row 0 has 3 dots, expected 4"),
            (Array("0002".utf8) + [0x0D], "pixel '2'"),
            (Array("0000".utf8) + [0x0D] + Array("0000".utf8) + [0x0D], "more than 1 rows"),
            (Array("0000".utf8), "picture has 0 rows, expected 1"),
        ] as [([UInt8], String)])
    func refused(rows: [UInt8], reason: String) {
        let (sign, refusal) = write(rows: rows)
        #expect(refusal?.contains(reason) == true, "\(refusal ?? "accepted")")
        #expect(sign.pictures.isEmpty)
    }

    @Test(
        "hostile numbers are refused, never read as negative or empty: sizes, times, capacities, checksums",
        arguments: [
            ("E8", Array("LOBBYPICaL00000001010000".utf8)),  // no rows: a picture of no dots
            ("E8", Array("LOBBYPICaL00010000010000".utf8)),  // no columns
            ("E8", Array("LOBBYPICaL-001+001010000".utf8)),  // signs
            ("E ", Array("+8+5".utf8)),  // a time of day with signs
            ("E$", Array("#BL-07D0000".utf8)),  // a negative STRING capacity
        ] as [(String, [UInt8])])
    func hostileNumbers(command: String, data: [UInt8]) {
        var sign = AlphaSign()
        var decoder = AlphaDecoder()
        for case .packet(let packet) in decoder.feed(encoder.packet(Array(command.utf8) + data)) {
            #expect(throws: AlphaSign.Refusal.self) { try sign.apply(packet) }
        }
        #expect(sign.pictureTable.isEmpty && sign.memory.isEmpty && sign.clock == (0, 0))
        // A checksum with a sign in it is damage, not a number.
        var damaged = encoder.softReset()
        damaged.replaceSubrange((damaged.count - 5)..<(damaged.count - 1), with: Array("+076".utf8))
        #expect(decoder.feed(damaged).allSatisfy { if case .malformed = $0 { true } else { false } })
    }

    @Test("a picture table larger than the sign's memory pool is refused, and a hostile size with it")
    func memoryPool() {
        #expect(write(rows: Array("0000".utf8) + [0x0D], pool: 3).1?.contains("memory pool is 3") == true)
        var sign = AlphaSign()
        var decoder = AlphaDecoder()
        let entry = Self.name + Array("LFFFFFFFF010000".utf8)
        for case .packet(let packet) in decoder.feed(encoder.packet([UInt8(ascii: "E"), UInt8(ascii: "8")] + entry)) {
            #expect(throws: AlphaSign.Refusal.self) { try sign.apply(packet) }
        }
        #expect(sign.pictureTable.isEmpty)
    }
}
