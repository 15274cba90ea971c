/// Reads Onbon BX frames from a byte stream, strictly: start and end bytes, escapes, the
/// length field and the CRC are all checked, and anything wrong is reported and skipped, never
/// trusted. Written from the protocol description apart from `OnbonFrame.encoded()` (they
/// share only `OnbonConstants`), so that each checks the other. The driver reads the card's
/// answers with it and lobby-sim the host's frames.
public struct OnbonDecoder: Sendable {
    public enum Output: Sendable, Equatable {
        case frame(OnbonFrame)
        /// Bytes that are not a valid frame, and why; the decoder resynchronises at the next
        /// start byte.
        case malformed(Problem)
    }

    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// Bytes before any start byte.
        case noise(bytes: Int)
        /// A new start byte came before the end byte: the frame was cut short.
        case cutShort
        /// An escape byte followed by something other than 01 or 02, or ending the frame.
        case badEscape(offset: Int)
        /// Shorter than a header, a command and a CRC.
        case tooShort(bytes: Int)
        /// Neither layout's protocol version where that layout keeps it.
        case unknownVersion
        /// The length field disagrees with the bytes that came.
        case wrongLength(declared: Int, actual: Int)
        case badCRC(computed: UInt16, received: UInt16)
        /// Longer than `maximumFrameBytes` without an end byte.
        case tooLong(bytes: Int)

        public var description: String {
            switch self {
            case .noise(let count): "\(count) byte(s) outside any frame"
            case .cutShort: "frame cut short: a start byte came before its end byte"
            case .badEscape(let offset): "bad escape at byte \(offset) of the frame"
            case .tooShort(let count): "frame of \(count) byte(s) is shorter than a header, command and CRC"
            case .unknownVersion: "no protocol version 02 (font card) or F0 (6th generation) in the header"
            case .wrongLength(let declared, let actual): "length field says \(declared) byte(s), \(actual) came"
            case .badCRC(let computed, let received):
                "CRC \(String(received, radix: 16)) received, \(String(computed, radix: 16)) computed"
            case .tooLong(let count): "more than \(count) bytes without an end byte"
            }
        }
    }

    /// The most bytes one frame may take on the wire before it is given up as noise.
    public let maximumFrameBytes: Int
    private var buffer: [UInt8] = []
    /// How far the frame at the front was searched for its end: a frame fed a byte at a time
    /// is searched once, not again from its start with every byte.
    private var searched = 0

    /// `maximumFrameBytes` is at least 64 (a frame with nothing in it is 30 bytes). The default
    /// holds the largest dynamic area a card takes (300 KB), stuffed at worst.
    public init(maximumFrameBytes: Int = 2 * (300 * 1024 + 64)) {
        self.maximumFrameBytes = max(64, maximumFrameBytes)
    }

    /// Bytes kept while waiting for the rest of a frame (bounded by `maximumFrameBytes`).
    public var pendingBytes: Int { buffer.count }

    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Output] {
        buffer += bytes
        var outputs: [Output] = []
        while let output = next() { outputs.append(output) }
        return outputs
    }

    /// One frame or one complaint from the front of the buffer, or nil to wait for more.
    private mutating func next() -> Output? {
        guard let start = buffer.firstIndex(of: OnbonConstants.start) else {
            return buffer.isEmpty ? nil : drop(buffer.count, .noise(bytes: buffer.count))
        }
        if start > 0 { return drop(start, .noise(bytes: start)) }
        // Any number of start bytes open a frame; the body runs from the last of them.
        guard var body = buffer.firstIndex(where: { $0 != OnbonConstants.start }) else {
            // A run of start bytes alone: eight of them are as good as any number.
            if buffer.count > OnbonConstants.startRun { consume(buffer.count - OnbonConstants.startRun) }
            return nil
        }
        if body > OnbonConstants.startRun {
            consume(body - OnbonConstants.startRun)
            body = OnbonConstants.startRun
        }
        let from = max(body, searched)
        guard
            let end = buffer[from...].firstIndex(where: { $0 == OnbonConstants.end || $0 == OnbonConstants.start })
        else {
            searched = buffer.count
            return buffer.count > maximumFrameBytes ? drop(buffer.count, .tooLong(bytes: maximumFrameBytes)) : nil
        }
        if buffer[end] == OnbonConstants.start { return drop(end, .cutShort) }
        let stuffed = buffer[body..<end]
        defer { consume(end + 1) }
        return Self.frame(from: stuffed)
    }

    private mutating func drop(_ count: Int, _ problem: Problem) -> Output {
        consume(count)
        return .malformed(problem)
    }

    private mutating func consume(_ count: Int) {
        buffer.removeFirst(count)
        searched = 0
    }

    /// The frame between a start run and an end byte, unescaped and checked.
    static func frame(from stuffed: ArraySlice<UInt8>) -> Output {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(stuffed.count)
        var index = stuffed.startIndex
        while index < stuffed.endIndex {
            let byte = stuffed[index]
            guard byte == OnbonConstants.escapeAfterStart || byte == OnbonConstants.escapeAfterEnd else {
                bytes.append(byte)
                index += 1
                continue
            }
            let next = index + 1 < stuffed.endIndex ? stuffed[index + 1] : 0
            switch (byte, next) {
            case (OnbonConstants.escapeAfterStart, 0x01): bytes.append(OnbonConstants.escapeAfterStart)
            case (OnbonConstants.escapeAfterStart, 0x02): bytes.append(OnbonConstants.start)
            case (OnbonConstants.escapeAfterEnd, 0x01): bytes.append(OnbonConstants.escapeAfterEnd)
            case (OnbonConstants.escapeAfterEnd, 0x02): bytes.append(OnbonConstants.end)
            default: return .malformed(.badEscape(offset: index - stuffed.startIndex))
            }
            index += 2
        }
        // The shorter header first: a frame too short for it is too short for either.
        let crc = OnbonConstants.crcBytes
        guard bytes.count >= OnbonConstants.fontCardHeaderBytes + OnbonConstants.commandBytes + crc else {
            return .malformed(.tooShort(bytes: bytes.count))
        }
        func word(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        let layout: OnbonFrame.Layout
        let header: Int
        let declared: Int
        if bytes[OnbonConstants.sixthGenerationVersionOffset] == OnbonConstants.sixthGenerationVersion {
            layout = .sixthGeneration
            header = OnbonConstants.sixthGenerationHeaderBytes
            guard bytes.count >= header + OnbonConstants.commandBytes + crc else {
                return .malformed(.tooShort(bytes: bytes.count))
            }
            declared = Int(word(12)) | Int(word(14)) << 16
        } else if bytes[OnbonConstants.fontCardVersionOffset] == OnbonConstants.fontCardVersion {
            layout = .fontCard
            header = OnbonConstants.fontCardHeaderBytes
            declared = Int(word(12))
        } else {
            return .malformed(.unknownVersion)
        }
        let actual = bytes.count - header - crc
        guard declared == actual else { return .malformed(.wrongLength(declared: declared, actual: actual)) }
        let received = word(bytes.count - crc)
        let computed = OnbonCRC.checksum(bytes.dropLast(crc))
        guard computed == received else { return .malformed(.badCRC(computed: computed, received: received)) }
        // The command's five bytes: group, code, reply flag on font cards; reply flag (or a
        // reserved byte in answers), group, code on the 6th generation; then two parameters.
        let command = bytes[header..<(header + OnbonConstants.commandBytes)].map { $0 }
        let (group, code, reply) =
            layout == .fontCard ? (command[0], command[1], command[2]) : (command[1], command[2], command[0])
        return .frame(
            OnbonFrame(
                layout: layout, destination: word(0), source: word(2),
                deviceType: layout == .fontCard ? UInt16(bytes[10]) : word(6),
                command: .init(group: group, code: code), reply: reply, parameters: (command[3], command[4]),
                data: Array(bytes[(header + OnbonConstants.commandBytes)..<(bytes.count - crc)])))
    }
}
