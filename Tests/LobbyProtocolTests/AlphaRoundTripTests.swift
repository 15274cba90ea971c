import LobbyProtocol
import LobbyRender
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
                complaints.append(reason)
            }
        }
        return (answer, complaints)
    }

    @Test("any picture written by the encoder is decoded by the sign dot for dot")
    func pictureRoundTrip() async {
        await propertyCheck(
            count: 200, input: Gen.int(in: 1...60), Gen.int(in: 1...20), Gen.uint8(in: 0...3).array(of: 1200)
        ) { width, height, colors in
            var frame = Frame(width: width, height: height)
            for y in 0..<height {
                for x in 0..<width { frame[x, y] = DotColor(rawValue: colors[(y * width + x) % colors.count])! }
            }
            let controller = try! AlphaController(address: "00", width: width, height: height, tricolor: true)
            var sign = AlphaSign()
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

    @Test("the sign refuses a picture for an unknown label or of the wrong size")
    func strictSign() throws {
        let encoder = AlphaEncoder()
        var sign = AlphaSign()
        var decoder = AlphaDecoder()
        let frame = Frame(width: 4, height: 2)
        let packets = decoder.feed(
            encoder.memoryConfiguration([
                AlphaMemoryFile(label: UInt8(ascii: "a"), kind: .picture(rows: 2, columns: 3, tricolor: false))
            ])
                + encoder.writePicture(frame, label: UInt8(ascii: "a"))
                + encoder.writePicture(frame, label: UInt8(ascii: "q")))
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
