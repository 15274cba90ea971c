import LobbyProtocol
import LobbyRender

/// What an Alpha sign holds and shows, changed packet by packet: the memory table, the table of
/// large DOTS pictures, the pictures, the TEXT files that call them and the run sequence. `lobby-sim` is built on it. It
/// is strict, so an encoder bug shows up as a refusal, the way a real sign would ignore it.
public struct AlphaSign: Sendable {
    /// Why a packet was refused.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public private(set) var memory: [UInt8: AlphaMemoryFile] = [:]
    /// The large pictures the sign has room for (`E8`), by name.
    public private(set) var pictureTable: [[UInt8]: AlphaLargePicture] = [:]
    public private(set) var pictures: [[UInt8]: Frame] = [:]
    /// The pictures each TEXT file calls, by name.
    public private(set) var texts: [UInt8: [[UInt8]]] = [:]
    public private(set) var strings: [UInt8: [UInt8]] = [:]
    public private(set) var runSequence: [UInt8] = []
    public private(set) var clock: (hour: Int, minute: Int) = (0, 0)
    public private(set) var weekday = 1
    /// What went wrong with packets since the register was last cleared (`E4`).
    public private(set) var errorStatus = AlphaErrorStatus.alwaysSet
    /// Seconds the clock has run into its current minute.
    private var secondsIntoMinute = 0.0

    /// The sign's time of day in seconds, with the seconds it counts but does not show.
    public var secondOfDay: Double {
        Double(clock.hour * 3600 + clock.minute * 60) + secondsIntoMinute
    }

    /// Bytes of memory for pictures: a picture takes one per dot (our reading; the protocol
    /// document gives no formula, protocol-docs/alpha.md).
    public let memoryPool: Int
    /// A small sign's: 128 KiB, room for 21 pictures of 192×32.
    public static let defaultMemoryPool = 128 * 1024

    public init(memoryPool: Int = Self.defaultMemoryPool) {
        self.memoryPool = memoryPool
    }

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
        self = AlphaSign(memoryPool: memoryPool)
    }

    /// Applies one packet. Returns the bytes of the sign's answer for a read, `nil` otherwise.
    /// A refused packet sets the register's "illegal command or label" bit.
    public mutating func apply(_ packet: AlphaPacket) throws(Refusal) -> [UInt8]? {
        do {
            return try applyOrRefuse(packet)
        } catch {
            errorStatus.insert(.illegalCommand)
            throw error
        }
    }

    /// Bytes that came faster than the sign could take them (a picture's rows before it was
    /// ready for them): a serial buffer overflow.
    public mutating func noteOverrun() {
        errorStatus.insert(.bufferOverflow)
    }

    /// A packet that arrived damaged (the decoder's `malformed`): a checksum error.
    public mutating func noteDamagedPacket() {
        errorStatus.insert(.checksum)
    }

    private mutating func applyOrRefuse(_ packet: AlphaPacket) throws(Refusal) -> [UInt8]? {
        switch packet.command {
        case AlphaConstants.Command.writeSpecial: try applySpecial(packet.data)
        case AlphaConstants.Command.writeLargePicture: try applyPicture(packet.data)
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
        case AlphaConstants.Special.largePictureTable: try configurePictures(rest)
        case AlphaConstants.Special.runSequence:
            guard rest.count >= 2, [UInt8(ascii: "S"), UInt8(ascii: "T")].contains(rest[0]) else {
                throw Refusal(description: "run sequence without mode and lock bytes")
            }
            runSequence = Array(rest.dropFirst(2)).filter { memory[$0]?.kind.isText == true }
        case AlphaConstants.Special.timeOfDay:
            guard rest.count == 4, let hour = AlphaConstants.decimalValue(rest[0..<2]),
                let minute = AlphaConstants.decimalValue(rest[2..<4]), hour < 24, minute < 60
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
        case AlphaConstants.Special.clearErrorStatus:
            errorStatus = .alwaysSet
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
                guard let bytes = AlphaConstants.hexValue(entry[3..<7]) else {
                    throw Refusal(description: "TEXT size \(size) is not hex")
                }
                table[entry[0]] = AlphaMemoryFile(label: entry[0], kind: .text(bytes: bytes))
            case AlphaConstants.FileType.string:
                guard let bytes = AlphaConstants.hexValue(entry[3..<7]), bytes <= Self.stringCapacity else {
                    throw Refusal(description: "STRING size \(size) is not hex up to 7D")
                }
                table[entry[0]] = AlphaMemoryFile(label: entry[0], kind: .string(bytes: bytes))
            default:
                throw Refusal(description: "unsupported file type \(Self.show(entry[1]))")
            }
        }
        // Erases everything, the clock included (the pessimistic reading, protocol-docs/alpha.md),
        // but not the serial error register, which is about the line, not the memory.
        let errors = errorStatus
        self = AlphaSign(memoryPool: memoryPool)
        memory = table
        errorStatus = errors
    }

    /// Entries of 24 bytes: name (9), lock, rows and columns (4 hex digits each), colours (`01`
    /// or `02`), `0000`. Replaces the table, and the pictures stored under it.
    private mutating func configurePictures(_ entries: [UInt8]) throws(Refusal) {
        let entryBytes = AlphaConstants.pictureNameLength + 15
        guard !entries.isEmpty, entries.count % entryBytes == 0 else {
            throw Refusal(description: "picture table is not a whole number of \(entryBytes)-byte entries")
        }
        var table: [[UInt8]: AlphaLargePicture] = [:]
        for start in stride(from: 0, to: entries.count, by: entryBytes) {
            let entry = Array(entries[start..<(start + entryBytes)])
            let name = Array(entry[0..<9])
            let fields = String(decoding: entry[9...], as: UTF8.self)
            guard name.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }), table[name] == nil else {
                throw Refusal(description: "bad or repeated picture name \(Self.show(name))")
            }
            guard let rows = AlphaConstants.hexValue(entry[10..<14]),
                let columns = AlphaConstants.hexValue(entry[14..<18]), rows > 0, columns > 0,
                ["L", "U"].contains(fields.prefix(1)), ["01", "02"].contains(fields.dropFirst(9).prefix(2)),
                fields.hasSuffix("0000")
            else {
                throw Refusal(description: "picture \(Self.show(name)): entry \(fields) is not lock, size, colours")
            }
            table[name] = AlphaLargePicture(
                name: name, rows: rows, columns: columns, tricolor: fields.dropFirst(9).prefix(2) == "02")
        }
        let bytes = table.values.reduce(0) { $0 + $1.rows * $1.columns }
        guard bytes <= memoryPool else {
            throw Refusal(description: "pictures need \(bytes) bytes; the sign's memory pool is \(memoryPool)")
        }
        pictureTable = table
        pictures = [:]
    }

    /// `M`: name, rows and columns in four hex digits each, then the rows, each ended by CR,
    /// where `11 XX c` stands for `XX` + 1 dots of `c`.
    private mutating func applyPicture(_ data: [UInt8]) throws(Refusal) {
        let header = AlphaConstants.pictureNameLength + 8
        guard data.count >= header,
            let rows = AlphaConstants.hexValue(data[9..<13]), let columns = AlphaConstants.hexValue(data[13..<17])
        else { throw Refusal(description: "picture header is not a name + 8 hex digits") }
        let name = Array(data[0..<9])
        guard let entry = pictureTable[name], entry.rows == rows, entry.columns == columns else {
            throw Refusal(
                description: "picture \(Self.show(name)) (\(columns)x\(rows)) has no matching memory entry")
        }
        var frame = Frame(width: columns, height: rows)
        var (row, column, index) = (0, 0, header)
        func dot(_ byte: UInt8) throws(Refusal) -> DotColor {
            let value = Int(byte) - Int(AlphaConstants.pixelOff)
            guard (0...(entry.tricolor ? 3 : 1)).contains(value) else {
                throw Refusal(description: "pixel \(Self.show(byte)) at row \(row), column \(column)")
            }
            return DotColor(rawValue: UInt8(value))!
        }
        while index < data.count {
            let byte = data[index]
            guard row < rows else { throw Refusal(description: "picture has more than \(rows) rows") }
            if byte == AlphaConstants.carriageReturn {
                guard column == columns else {
                    throw Refusal(description: "row \(row) has \(column) dots, expected \(columns)")
                }
                (row, column, index) = (row + 1, 0, index + 1)
                continue
            }
            let color: DotColor
            var count = 1
            if byte == AlphaConstants.repeatDots {
                guard index + 3 < data.count,
                    let repeats = AlphaConstants.hexValue(data[(index + 1)...(index + 2)])
                else { throw Refusal(description: "run at row \(row), column \(column) is not 11 XX c") }
                (color, count) = (try dot(data[index + 3]), repeats + 1)
                index += 3
            } else {
                color = try dot(byte)
            }
            guard column + count <= columns else {
                throw Refusal(description: "row \(row) runs past column \(columns)")
            }
            for _ in 0..<count {
                frame[column, row] = color
                column += 1
            }
            index += 1
        }
        guard row == rows else { throw Refusal(description: "picture has \(row) rows, expected \(rows)") }
        pictures[name] = frame
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
        // `1F L`, nine characters of name, four hex digits of hold time.
        var calls: [[UInt8]] = []
        var index = 0
        while index < message.count {
            if message[index...].starts(with: AlphaConstants.callLargePicture) {
                guard index + 15 <= message.count,
                    AlphaConstants.hexValue(message[(index + 11)..<(index + 15)]) != nil
                else { throw Refusal(description: "TEXT \(Self.show(data[0])) calls a picture without name and hold") }
                calls.append(Array(message[(index + 2)..<(index + 11)]))
                index += 15
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

    /// Answers `F ` (time of day) and `F*` (the error register, as its byte) with a response
    /// packet (type `0`).
    private func answerRead(_ data: [UInt8]) throws(Refusal) -> [UInt8] {
        if data == [AlphaConstants.Special.errorStatus] {
            return Self.response(
                [AlphaConstants.Command.writeSpecial, AlphaConstants.Special.errorStatus, errorStatus.rawValue])
        }
        guard data == [AlphaConstants.Special.timeOfDay] else {
            throw Refusal(description: "unsupported read \(data.map(Self.show))")
        }
        return Self.response(
            [AlphaConstants.Command.writeSpecial, AlphaConstants.Special.timeOfDay] + AlphaEncoder.decimal(clock.hour)
                + AlphaEncoder.decimal(clock.minute))
    }

    static func show(_ name: [UInt8]) -> String {
        "'\(String(decoding: name, as: UTF8.self))'"
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
