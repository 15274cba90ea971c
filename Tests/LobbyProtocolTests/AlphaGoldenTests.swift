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

    static let name = Array("LOBBYPICa".utf8)

    /// Ten red dots and two dark ones, then a dark row: two runs and two plain dots.
    static var runsFrame: Frame {
        var frame = Frame(width: 12, height: 2)
        for x in 0..<10 { frame[x, 0] = .red }
        return frame
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
            (
                "TEXT A calls picture LOBBYPICa for 4 s",
                "0000000000015a30300241411b30621f4c4c4f4242595049436130303238033035314504"
            ),
            ("memory: TEXT A 16 bytes", "0000000000015a303002452441414c3030313046463030033032453904"),
            (
                "picture table: LOBBYPICa 3x2 mono",
                "0000000000015a30300245384c4f424259504943614c3030303230303033303130303030033036323904"
            ),
            (
                "picture LOBBYPICa 3x2",
                "0000000000015a3030024d4c4f4242595049436130303032303030333130300d3030330d033035434104"
            ),
            (
                "picture LOBBYPICa 12x2, runs",
                "0000000000015a3030024d4c4f4242595049436130303032303030431130393130300d113042300d033036373404"
            ),
        ])
    func golden(name: String, expected: String) {
        let bytes: [UInt8] =
            switch name {
            case "run sequence A, B": encoder.runSequence(Array("AB".utf8))
            case "time of day 08:20": encoder.setTimeOfDay(hour: 8, minute: 20)
            case "day of week Wednesday": encoder.setDayOfWeek(isoWeekday: 3)
            case "soft reset": encoder.softReset()
            case "read time of day": encoder.readTimeOfDay()
            case "TEXT A calls picture LOBBYPICa for 4 s":
                encoder.writeText(label: UInt8(ascii: "A"), calls: [Self.name])
            case "memory: TEXT A 16 bytes":
                encoder.memoryConfiguration([AlphaMemoryFile(label: UInt8(ascii: "A"), kind: .text(bytes: 16))])
            case "picture table: LOBBYPICa 3x2 mono":
                encoder.largePictureTable([AlphaLargePicture(name: Self.name, rows: 2, columns: 3, tricolor: false)])
            case "picture LOBBYPICa 12x2, runs": encoder.writePicture(Self.runsFrame, name: Self.name)
            default: encoder.writePicture(Self.tinyFrame, name: Self.name)
            }
        #expect(bytes == Self.hex(expected))
    }
}
