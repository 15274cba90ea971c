import LobbyProtocol
import LobbyRender
import Testing

/// Byte-exact packets. Each expectation was produced by a separate transcription of the framing
/// (Python, once) and is pasted here as hex; `protocol-docs/alpha.md` annotates them.
@Suite("Alpha packets, byte for byte")
struct AlphaGoldenTests {
    let encoder = AlphaEncoder(address: "00")

    static func hex(_ text: String) -> [UInt8] {
        stride(from: 0, to: text.count, by: 2).map {
            let start = text.index(text.startIndex, offsetBy: $0)
            return UInt8(text[start..<text.index(start, offsetBy: 2)], radix: 16)!
        }
    }

    static var tinyFrame: Frame {
        var frame = Frame(width: 3, height: 2)
        frame[0, 0] = .red
        frame[2, 1] = .amber
        return frame
    }

    @Test(
        "each packet kind is exactly the documented bytes",
        arguments: [
            ("run sequence A, B", "0000000000015a303002452e53554142033031413304"),
            ("time of day 08:20", "0000000000015a303002452030383230033031333404"),
            ("day of week Wednesday", "0000000000015a303002452634033030413404"),
            ("soft reset", "0000000000015a303002452c033030373604"),
            ("read time of day", "0000000000015a3030024620033030364204"),
            ("TEXT A calls picture a", "0000000000015a30300241411b30621461033031413904"),
            (
                "memory: TEXT A 16 bytes, picture a 3x2 mono",
                "0000000000015a303002452441414c303031304646303061444c3032303331303030033035363004"
            ),
            ("picture a 3x2", "0000000000015a3030024961303230333130300d3030330d033032423204"),
        ])
    func golden(name: String, expected: String) {
        let bytes: [UInt8] =
            switch name {
            case "run sequence A, B": encoder.runSequence(Array("AB".utf8))
            case "time of day 08:20": encoder.setTimeOfDay(hour: 8, minute: 20)
            case "day of week Wednesday": encoder.setDayOfWeek(isoWeekday: 3)
            case "soft reset": encoder.softReset()
            case "read time of day": encoder.readTimeOfDay()
            case "TEXT A calls picture a": encoder.writeText(label: UInt8(ascii: "A"), calls: [UInt8(ascii: "a")])
            case "memory: TEXT A 16 bytes, picture a 3x2 mono":
                encoder.memoryConfiguration([
                    AlphaMemoryFile(label: UInt8(ascii: "A"), kind: .text(bytes: 16)),
                    AlphaMemoryFile(label: UInt8(ascii: "a"), kind: .picture(rows: 2, columns: 3, tricolor: false)),
                ])
            default: encoder.writePicture(Self.tinyFrame, label: UInt8(ascii: "a"))
            }
        #expect(bytes == Self.hex(expected))
    }
}
