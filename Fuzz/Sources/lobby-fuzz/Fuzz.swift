import Foundation
import LobbyCore
import LobbyProtocol
import LobbyRender
import LobbySimulation

// libFuzzer's entry points. SwiftPM builds this target with `-parse-as-library` under
// `--sanitize=fuzzer`, and libFuzzer supplies `main`. The target is chosen by the environment
// (LOBBY_FUZZ_TARGET, set by `make fuzz`), checked once before the first input:
// - `playlist`: the daemon's path for a spool file: the input's approval sheet is signed by the four trusted hands,
//   so every stage up to acceptance is reachable, then validated signature first;
// - `toml`: TOML documents built from the input by a generator that knows TOML's structure
//   (tables, arrays of tables, dotted keys, inline tables, strings, numbers, dates), so the
//   parser's deep paths are reached quickly; then the same bytes as raw TOML;
// - `control`: the control socket's request parser;
// - `alpha`: the simulated sign's packet decoder;
// - `onbon`: the Onbon BX frame decoder, which reads a card's answers: the input whole, then
//   in pieces of a size its first byte gives (a slow line), with a small maximum frame; the
//   driver's reading of the answers (`probeReply`); and every frame decoded, applied to the
//   simulated card (`OnbonSign`, lobby-sim's model), which reads lobbyd's frames.
// Every input must be answered, never crash: a crash, a hang or a leak is a finding.

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>?,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    guard let name = ProcessInfo.processInfo.environment["LOBBY_FUZZ_TARGET"], FuzzTarget(rawValue: name) != nil else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("lobby-fuzz: set LOBBY_FUZZ_TARGET to one of \(names)\n".utf8))
        exit(64)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    switch FuzzTarget.selected {
    case .playlist:
        let signature = Array(((try? ApprovalSheet.signing(bytes, by: FuzzTarget.hands))?.fileText ?? "").utf8)
        _ = FuzzTarget.validator.validate(
            file: "fuzz.toml", bytes: bytes, signature: signature, now: FuzzTarget.now, signedOnly: true)
    case .toml:
        var generator = TOMLFromBytes(bytes)
        _ = try? TOMLParser.parse(generator.document())
        _ = try? TOMLParser.parse(String(decoding: bytes, as: UTF8.self))
    case .control:
        _ = try? ControlRequest.parse(bytes)
    case .alpha:
        var decoder = AlphaDecoder()
        _ = decoder.feed(bytes)
    case .onbon:
        var whole = OnbonDecoder()
        var card = OnbonSign(width: 64, height: 16, tricolor: bytes.count % 2 == 0)
        for case .frame(let frame) in whole.feed(bytes) {
            _ = try? card.apply(frame)
            _ = card.pages
        }
        _ = FuzzTarget.onbonDriver.probeReply(in: bytes)
        var pieces = OnbonDecoder(maximumFrameBytes: 200)
        let size = max(1, Int(bytes.first ?? 1) % 17)
        for start in stride(from: 0, to: bytes.count, by: size) {
            _ = pieces.feed(bytes[start..<min(start + size, bytes.count)])
        }
    }
    return 0
}

enum FuzzTarget: String, CaseIterable {
    case playlist, toml, control, alpha, onbon

    /// Checked in `LLVMFuzzerInitialize`, before any input.
    static let selected = FuzzTarget(rawValue: ProcessInfo.processInfo.environment["LOBBY_FUZZ_TARGET"] ?? "") ?? .toml

    /// The driver whose reading of a card's answers is fuzzed.
    static let onbonDriver = try! OnbonController(
        address: 1, model: .bx6E1, width: 64, height: 16, tricolor: false)

    /// The fuzzer's own four hands, in the roster the validator trusts: an input is a file whose
    /// sheet every hand signed, dated before `now`.
    static let hands: [(step: ApprovalSheet.Step, key: PersonalKey)] = [
        (.init(role: .draft, keyID: "", date: day(10), section: "S"), PersonalKey(holder: "d")),
        (.init(role: .review, keyID: "", date: day(11), confidentiality: "passed"), PersonalKey(holder: "r")),
        (.init(role: .approve, keyID: "", date: day(12), confidentiality: "passed"), PersonalKey(holder: "a")),
        (.init(role: .publish, keyID: "", date: day(13)), PersonalKey(holder: "p")),
    ]

    static func day(_ day: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: day)! }

    /// Built once: the validator holds a FreeType face.
    nonisolated(unsafe) static let validator = PlaylistValidator(
        configuration: Configuration(),
        trust: TrustStore(
            keys: hands.map(\.key.publicKey),
            roster: Roster(
                entries: hands.map {
                    Roster.Entry(
                        name: $0.key.holder, keyID: $0.key.publicKey.keyID, roles: [$0.step.role], sections: ["S"],
                        categories: Configuration.Content().categories)
                })),
        fitting: try! TextRenderer(configuration: Configuration()))

    static let now = Date(timeIntervalSince1970: 1_795_000_000)
}

/// A TOML document whose every choice is read from the fuzzer's bytes: the fuzzer mutates
/// structure (which construct, how deep, which key) instead of characters.
struct TOMLFromBytes {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func next() -> Int {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return Int(bytes[index])
    }

    private mutating func pick(_ options: [String]) -> String {
        options[next() % options.count]
    }

    mutating func document() -> String {
        var lines: [String] = []
        while index < bytes.count && lines.count < 4_096 {
            switch next() % 4 {
            case 0: lines.append("[\(key())]")
            case 1: lines.append("[[\(key())]]")
            default: lines.append("\(key()) = \(value(depth: 0))\(pick(["", " # c", "\t#中"]))")
            }
        }
        return lines.joined(separator: pick(["\n", "\r\n"]))
    }

    private mutating func key() -> String {
        (0...(next() % 4)).map { _ in pick(["a", "b", "items", "approval", "\"q d\"", "'l'", "\"\"", "9", "\"中\""]) }
            .joined(separator: pick([".", " . "]))
    }

    private mutating func value(depth: Int) -> String {
        switch next() % (depth < 40 ? 10 : 8) {
        case 0:
            return pick(["0", "-17", "+1_000", "0xff", "0o17", "0b101", "9223372036854775807", "99999999999999999999"])
        case 1: return pick(["1.5", "-0e0", "6.02E+23", "inf", "-nan", "1e400", "3_1.4_1"])
        case 2: return pick(["true", "false"])
        case 3: return "\"" + pick(["", "a\\tb", "\\u4E2D", "\\U0001F600", "\\uD800", "中文", "\\x", "'"]) + "\""
        case 4: return pick(["'lit'", "'''\nmulti\n'''", "\"\"\"\nline \\\n  next\"\"\"", "\"\"\"\"\"\"\""])
        case 5, 6:
            return pick([
                "2026-11-29", "2026-02-30", "2026-11-29T08:20:00+08:00", "2026-11-29 08:20:00.123Z", "08:20:00",
                "24:00:00", "2026-11-29T08:20",
            ])
        case 7: return pick(["=", "]", "}", ",", "\"", "", "[", "{"])
        case 8:
            return "[" + (0..<(next() % 4)).map { _ in value(depth: depth + 1) }.joined(separator: ", ")
                + pick(["]", ",]", ""])
        default:
            return "{" + (0..<(next() % 3)).map { _ in "\(key()) = \(value(depth: depth + 1))" }.joined(separator: ", ")
                + pick(["}", ",}", ""])
        }
    }
}
