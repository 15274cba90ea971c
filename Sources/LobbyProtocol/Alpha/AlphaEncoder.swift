import LobbyRender

/// One file in the sign's memory table (`E$`).
public struct AlphaMemoryFile: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A TEXT file of `bytes` capacity, always eligible to run.
        case text(bytes: Int)
        /// A STRING file of `bytes` capacity.
        case string(bytes: Int)
    }

    public var label: UInt8
    public var kind: Kind

    public init(label: UInt8, kind: Kind) {
        self.label = label
        self.kind = kind
    }
}

/// One entry of the sign's table of large DOTS pictures (`E8`).
public struct AlphaLargePicture: Sendable, Equatable {
    /// Nine ASCII characters.
    public var name: [UInt8]
    public var rows: Int
    public var columns: Int
    /// Whether it may use green and amber as well as red.
    public var tricolor: Bool

    public init(name: [UInt8], rows: Int, columns: Int, tricolor: Bool) {
        precondition(name.count == AlphaConstants.pictureNameLength)
        self.name = name
        self.rows = rows
        self.columns = columns
        self.tricolor = tricolor
    }
}

/// Builds Alpha packets: pure bytes, no I/O. Each function returns one complete transmission:
/// sync NULs, SOH, type code, address, STX, command and data, ETX, checksum, EOT.
public struct AlphaEncoder: Sendable {
    /// Two hex digits; `00` addresses every sign on the line.
    public let address: String

    public init(address: String = "00") {
        self.address = address
    }

    public func packet(_ body: [UInt8]) -> [UInt8] {
        let framed = [AlphaConstants.stx] + body + [AlphaConstants.etx]
        return [UInt8](repeating: AlphaConstants.nul, count: AlphaConstants.syncCount)
            + [AlphaConstants.soh, AlphaConstants.typeAllSigns] + Array(address.utf8)
            + framed + Self.checksum(of: framed) + [AlphaConstants.eot]
    }

    /// Four ASCII hex digits of the 16-bit sum of every byte from STX through ETX.
    public static func checksum(of bytes: [UInt8]) -> [UInt8] {
        hex(bytes.reduce(0) { ($0 + Int($1)) & 0xFFFF }, digits: 4)
    }

    /// `E$`: replaces the sign's whole memory table (everything stored is lost).
    public func memoryConfiguration(_ files: [AlphaMemoryFile]) -> [UInt8] {
        var body = [AlphaConstants.Command.writeSpecial, AlphaConstants.Special.memoryConfiguration]
        for file in files {
            body.append(file.label)
            switch file.kind {
            case .text(let bytes):
                body +=
                    [AlphaConstants.FileType.text, UInt8(ascii: "L")] + Self.hex(bytes, digits: 4) + Array("FF00".utf8)
            case .string(let bytes):
                body +=
                    [AlphaConstants.FileType.string, UInt8(ascii: "L")] + Self.hex(bytes, digits: 4)
                    + Array("0000".utf8)
            }
        }
        return packet(body)
    }

    /// `E8`: replaces the table of large DOTS pictures. Each entry: the name, `L` (locked
    /// against the hand-held remote), rows and columns in four hex digits each, `01` for one
    /// colour or `02` for three, and `0000`.
    public func largePictureTable(_ pictures: [AlphaLargePicture]) -> [UInt8] {
        var body = [AlphaConstants.Command.writeSpecial, AlphaConstants.Special.largePictureTable]
        for picture in pictures {
            body += picture.name + [UInt8(ascii: "L")] + Self.hex(picture.rows, digits: 4)
            body += Self.hex(picture.columns, digits: 4) + Array((picture.tricolor ? "020000" : "010000").utf8)
        }
        return packet(body)
    }

    /// Where a large picture's rows start in `writePicture`'s bytes: after the sync NULs, SOH,
    /// type, address, STX, `M`, the name and the eight size digits. The sign needs the line
    /// silent there for at least 100 ms (`Transmission.pause`) before the rows.
    public static let pictureRowsOffset = AlphaConstants.syncCount + 4 + 2 + AlphaConstants.pictureNameLength + 8

    /// Runs shorter than this go as they are: `11 XX c` is four bytes.
    static let shortestRepeat = 5
    /// `XX` is two hex digits, so one repeat covers at most 256 dots.
    static let longestRepeat = 256

    /// `M`: a large DOTS picture, one character per dot (`0` off, `1` red, `2` green, `3` amber),
    /// each row ended by CR. When `compressed`, a run of five or more equal dots in a row goes
    /// as `11 XX c`: the character `c`, `XX` + 1 times (protocol-docs/alpha.md says why this
    /// reading of the count).
    public func writePicture(_ frame: Frame, name: [UInt8], compressed: Bool = true) -> [UInt8] {
        precondition(
            frame.width <= AlphaConstants.largePictureLimit && frame.height <= AlphaConstants.largePictureLimit)
        var body = [AlphaConstants.Command.writeLargePicture] + name
        body += Self.hex(frame.height, digits: 4) + Self.hex(frame.width, digits: 4)
        body.reserveCapacity(body.count + frame.height * (frame.width + 1))
        for row in 0..<frame.height {
            let dots = frame.dots[(row * frame.width)..<((row + 1) * frame.width)]
            var column = dots.startIndex
            while column < dots.endIndex {
                var end = column + 1
                while end < dots.endIndex, dots[end] == dots[column], end - column < Self.longestRepeat { end += 1 }
                let character = AlphaConstants.pixelOff + dots[column]
                if compressed, end - column >= Self.shortestRepeat {
                    body += [AlphaConstants.repeatDots] + Self.hex(end - column - 1, digits: 2) + [character]
                } else {
                    body += repeatElement(character, count: end - column)
                }
                column = end
            }
            body.append(AlphaConstants.carriageReturn)
        }
        return packet(body)
    }

    /// `A`: a TEXT file that shows the large pictures `calls` in turn, without transition, each
    /// for `holdTenths` tenths of a second.
    public func writeText(label: UInt8, calls pictures: [[UInt8]], holdTenths: Int = 40) -> [UInt8] {
        var body = [AlphaConstants.Command.writeText, label, AlphaConstants.escape] + AlphaConstants.fillHold
        for picture in pictures { body += AlphaConstants.callLargePicture + picture + Self.hex(holdTenths, digits: 4) }
        if pictures.isEmpty { body.append(UInt8(ascii: " ")) }
        return packet(body)
    }

    /// `E.`: the TEXT files to run, in order, ignoring their run times (`S`), unlocked (`U`).
    public func runSequence(_ labels: [UInt8]) -> [UInt8] {
        packet(
            [
                AlphaConstants.Command.writeSpecial, AlphaConstants.Special.runSequence, UInt8(ascii: "S"),
                UInt8(ascii: "U"),
            ] + labels)
    }

    /// `E ` + HHMM: the sign's clock (24-hour).
    public func setTimeOfDay(hour: Int, minute: Int) -> [UInt8] {
        packet(
            [AlphaConstants.Command.writeSpecial, AlphaConstants.Special.timeOfDay] + Self.decimal(hour)
                + Self.decimal(minute))
    }

    /// `E&`: day of week, `1` Sunday … `7` Saturday (from an ISO weekday, 1 Monday … 7 Sunday).
    public func setDayOfWeek(isoWeekday: Int) -> [UInt8] {
        packet([
            AlphaConstants.Command.writeSpecial, AlphaConstants.Special.dayOfWeek,
            UInt8(ascii: "0") + UInt8(isoWeekday % 7 + 1),
        ])
    }

    /// `E,`: restart the sign's program without clearing memory.
    public func softReset() -> [UInt8] {
        packet([AlphaConstants.Command.writeSpecial, AlphaConstants.Special.softReset])
    }

    /// `G`: the STRING file `label` now holds `text` (ASCII).
    public func writeString(label: UInt8, _ text: [UInt8]) -> [UInt8] {
        packet([AlphaConstants.Command.writeString, label] + text)
    }

    /// `H`: asks the sign what the STRING file `label` holds.
    public func readString(label: UInt8) -> [UInt8] {
        packet([AlphaConstants.Command.readString, label])
    }

    /// `F*`: asks the sign for its serial error status register.
    public func readErrorStatus() -> [UInt8] {
        packet([AlphaConstants.Command.readSpecial, AlphaConstants.Special.errorStatus])
    }

    /// `E4`: clears the sign's serial error status register.
    public func clearErrorStatus() -> [UInt8] {
        packet([AlphaConstants.Command.writeSpecial, AlphaConstants.Special.clearErrorStatus])
    }

    /// `F `: asks the sign for its time of day; any well-formed answer proves it is alive.
    public func readTimeOfDay() -> [UInt8] {
        packet([AlphaConstants.Command.readSpecial, AlphaConstants.Special.timeOfDay])
    }

    /// `value` as `digits` upper-case hex digits, as the protocol writes sizes.
    public static func hex(_ value: Int, digits: Int) -> [UInt8] {
        let table = Array("0123456789ABCDEF".utf8)
        return (0..<digits).reversed().map { table[(value >> ($0 * 4)) & 0xF] }
    }

    /// `value` as two decimal digits, as the protocol writes times.
    public static func decimal(_ value: Int) -> [UInt8] {
        [UInt8(ascii: "0") + UInt8(value / 10 % 10), UInt8(ascii: "0") + UInt8(value % 10)]
    }
}
