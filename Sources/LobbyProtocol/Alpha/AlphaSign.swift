import LobbyRender

/// What an Alpha sign holds and shows, changed packet by packet: the memory table, the DOTS
/// pictures, the TEXT files that call them and the run sequence. `lobby-sim` is built on it. It
/// is strict, so an encoder bug shows up as a refusal, the way a real sign would ignore it.
public struct AlphaSign: Sendable {
    /// Why a packet was refused.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public private(set) var memory: [UInt8: AlphaMemoryFile] = [:]
    public private(set) var pictures: [UInt8: Frame] = [:]
    public private(set) var texts: [UInt8: [UInt8]] = [:]
    public private(set) var strings: [UInt8: [UInt8]] = [:]
    public private(set) var runSequence: [UInt8] = []
    public private(set) var clock: (hour: Int, minute: Int) = (0, 0)
    public private(set) var weekday = 1
    /// Seconds the clock has run into its current minute.
    private var secondsIntoMinute = 0.0

    public init() {}

    /// Lets time pass on the sign's clock, which runs as a real sign's does. The sign reads no
    /// clock of its own (it is pure): its holder, lobby-sim or the soak test, says how much
    /// time passed.
    public mutating func passTime(seconds: Double) {
        secondsIntoMinute += max(0, seconds)
        guard secondsIntoMinute >= 60 else { return }
        let minutes = Int(secondsIntoMinute / 60)
        secondsIntoMinute -= Double(minutes) * 60
        let total = clock.hour * 60 + clock.minute + minutes
        clock = (total / 60 % 24, total % 60)
        weekday = (weekday - 1 + total / 1440) % 7 + 1
    }

    /// The pictures the run sequence shows, in order; empty when the screen is dark.
    public var pages: [Frame] {
        runSequence.flatMap { texts[$0] ?? [] }.compactMap { pictures[$0] }
    }

    /// A power cut: memory, pictures, texts and sequence are gone.
    public mutating func powerCycle() {
        self = AlphaSign()
    }

    /// Applies one packet. Returns the bytes of the sign's answer for a read, `nil` otherwise.
    public mutating func apply(_ packet: AlphaPacket) throws(Refusal) -> [UInt8]? {
        switch packet.command {
        case AlphaConstants.Command.writeSpecial: try applySpecial(packet.data)
        case AlphaConstants.Command.writeSmallPicture: try applyPicture(packet.data)
        case AlphaConstants.Command.writeText: try applyText(packet.data)
        case AlphaConstants.Command.readSpecial: return try answerRead(packet.data)
        case AlphaConstants.Command.writeString: try applyString(packet.data)
        case AlphaConstants.Command.readString: return try answerStringRead(packet.data)
        default: throw Refusal(description: "unsupported command \(Self.show(packet.command))")
        }
        return nil
    }

    private mutating func applySpecial(_ data: [UInt8]) throws(Refusal) {
        guard let function = data.first else { throw Refusal(description: "special function without a label") }
        let rest = Array(data.dropFirst())
        switch function {
        case AlphaConstants.Special.memoryConfiguration: try configureMemory(rest)
        case AlphaConstants.Special.runSequence:
            guard rest.count >= 2, [UInt8(ascii: "S"), UInt8(ascii: "T")].contains(rest[0]) else {
                throw Refusal(description: "run sequence without mode and lock bytes")
            }
            runSequence = Array(rest.dropFirst(2)).filter { memory[$0]?.kind.isText == true }
        case AlphaConstants.Special.timeOfDay:
            guard rest.count == 4, let hour = Int(String(decoding: rest[0..<2], as: UTF8.self)),
                let minute = Int(String(decoding: rest[2..<4], as: UTF8.self)), hour < 24, minute < 60
            else { throw Refusal(description: "time of day is not HHMM") }
            clock = (hour, minute)
            secondsIntoMinute = 0
        case AlphaConstants.Special.dayOfWeek:
            guard rest.count == 1, (UInt8(ascii: "1")...UInt8(ascii: "7")).contains(rest[0]) else {
                throw Refusal(description: "day of week is not 1-7")
            }
            weekday = Int(rest[0] - UInt8(ascii: "0"))
        case AlphaConstants.Special.softReset:
            break
        default:
            throw Refusal(description: "unsupported special function \(Self.show(function))")
        }
    }

    /// Entries of 11 bytes: label, type, lock, four size characters, four more.
    private mutating func configureMemory(_ entries: [UInt8]) throws(Refusal) {
        guard !entries.isEmpty, entries.count % 11 == 0 else {
            throw Refusal(description: "memory table is not a whole number of 11-byte entries")
        }
        var table: [UInt8: AlphaMemoryFile] = [:]
        for start in stride(from: 0, to: entries.count, by: 11) {
            let entry = Array(entries[start..<(start + 11)])
            let size = String(decoding: entry[3..<7], as: UTF8.self)
            guard entry[0] >= 0x20, entry[0] <= 0x7E, table[entry[0]] == nil else {
                throw Refusal(description: "bad or repeated file label \(Self.show(entry[0]))")
            }
            switch entry[1] {
            case AlphaConstants.FileType.text:
                guard let bytes = Int(size, radix: 16) else {
                    throw Refusal(description: "TEXT size \(size) is not hex")
                }
                table[entry[0]] = AlphaMemoryFile(label: entry[0], kind: .text(bytes: bytes))
            case AlphaConstants.FileType.string:
                guard let bytes = Int(size, radix: 16), bytes <= Self.stringCapacity else {
                    throw Refusal(description: "STRING size \(size) is not hex up to 7D")
                }
                table[entry[0]] = AlphaMemoryFile(label: entry[0], kind: .string(bytes: bytes))
            case AlphaConstants.FileType.picture:
                guard let rows = Int(size.prefix(2), radix: 16), let columns = Int(size.suffix(2), radix: 16) else {
                    throw Refusal(description: "picture size \(size) is not hex")
                }
                let tricolor = String(decoding: entry[7..<11], as: UTF8.self) != "1000"
                table[entry[0]] = AlphaMemoryFile(
                    label: entry[0], kind: .picture(rows: rows, columns: columns, tricolor: tricolor))
            default:
                throw Refusal(description: "unsupported file type \(Self.show(entry[1]))")
            }
        }
        self = AlphaSign()
        memory = table
    }

    private mutating func applyPicture(_ data: [UInt8]) throws(Refusal) {
        guard data.count >= 5, let rows = Int(String(decoding: data[1..<3], as: UTF8.self), radix: 16),
            let columns = Int(String(decoding: data[3..<5], as: UTF8.self), radix: 16)
        else { throw Refusal(description: "picture header is not label + 4 hex digits") }
        guard case .picture(rows, columns, let tricolor)? = memory[data[0]]?.kind else {
            throw Refusal(
                description: "picture \(Self.show(data[0])) (\(columns)x\(rows)) has no matching memory entry")
        }
        let body = data[5...]
        guard body.count == rows * (columns + 1) else {
            throw Refusal(description: "picture data is \(body.count) bytes, expected \(rows * (columns + 1))")
        }
        var frame = Frame(width: columns, height: rows)
        for (index, byte) in body.enumerated() {
            let (row, column) = index.quotientAndRemainder(dividingBy: columns + 1)
            if column == columns {
                guard byte == AlphaConstants.carriageReturn else {
                    throw Refusal(description: "row \(row) does not end with CR")
                }
                continue
            }
            let value = Int(byte) - Int(AlphaConstants.pixelOff)
            guard (0...(tricolor ? 3 : 1)).contains(value) else {
                throw Refusal(description: "pixel \(Self.show(byte)) at row \(row), column \(column)")
            }
            frame[column, row] = DotColor(rawValue: UInt8(value))!
        }
        pictures[data[0]] = frame
    }

    private mutating func applyText(_ data: [UInt8]) throws(Refusal) {
        guard data.count >= 4, data[1] == AlphaConstants.escape else {
            throw Refusal(description: "TEXT file without label and mode")
        }
        guard case .text(let capacity)? = memory[data[0]]?.kind else {
            throw Refusal(description: "TEXT \(Self.show(data[0])) has no memory entry")
        }
        let message = Array(data[4...])
        guard message.count <= capacity else {
            throw Refusal(description: "TEXT \(Self.show(data[0])) holds \(capacity) bytes, got \(message.count)")
        }
        var calls: [UInt8] = []
        var index = 0
        while index < message.count {
            if message[index] == AlphaConstants.callPicture, index + 1 < message.count {
                calls.append(message[index + 1])
                index += 2
            } else {
                index += 1
            }
        }
        texts[data[0]] = calls
    }

    /// A STRING file holds at most 125 bytes (protocol document).
    static let stringCapacity = 125

    private mutating func applyString(_ data: [UInt8]) throws(Refusal) {
        guard let label = data.first, case .string(let capacity)? = memory[label]?.kind else {
            throw Refusal(description: "STRING \(data.first.map(Self.show) ?? "without a label") has no memory entry")
        }
        guard data.count - 1 <= capacity else {
            throw Refusal(description: "STRING \(Self.show(label)) holds \(capacity) bytes, got \(data.count - 1)")
        }
        strings[label] = Array(data.dropFirst())
    }

    /// Answers `H` label with the STRING file's bytes, framed as the write that would store
    /// them (`G` label data), the way a read of a special function is answered with `E`. A file
    /// the sign does not hold gets no answer (our reading; protocol-docs/alpha.md).
    private func answerStringRead(_ data: [UInt8]) throws(Refusal) -> [UInt8]? {
        guard data.count == 1 else { throw Refusal(description: "read of a STRING file without one label") }
        guard case .string? = memory[data[0]]?.kind else { return nil }
        return Self.response([AlphaConstants.Command.writeString, data[0]] + (strings[data[0]] ?? []))
    }

    /// A response packet (type `0`, address `00`) carrying `body` between STX and ETX.
    static func response(_ body: [UInt8]) -> [UInt8] {
        let framed = [AlphaConstants.stx] + body + [AlphaConstants.etx]
        return [AlphaConstants.nul, AlphaConstants.soh, AlphaConstants.typeResponse] + Array("00".utf8) + framed
            + AlphaEncoder.checksum(of: framed) + [AlphaConstants.eot]
    }

    /// Answers `F ` (time of day) with a response packet (type `0`).
    private func answerRead(_ data: [UInt8]) throws(Refusal) -> [UInt8] {
        guard data == [AlphaConstants.Special.timeOfDay] else {
            throw Refusal(description: "unsupported read \(data.map(Self.show))")
        }
        return Self.response(
            [AlphaConstants.Command.writeSpecial, AlphaConstants.Special.timeOfDay] + AlphaEncoder.decimal(clock.hour)
                + AlphaEncoder.decimal(clock.minute))
    }

    static func show(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F
            ? "'\(Character(UnicodeScalar(byte)))'" : "0x\(String(byte, radix: 16, uppercase: true))"
    }
}

extension AlphaMemoryFile.Kind {
    var isText: Bool {
        if case .text = self { true } else { false }
    }
}
