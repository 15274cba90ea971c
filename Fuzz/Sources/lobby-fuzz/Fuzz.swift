import Foundation
import LobbyCore
import LobbyProtocol
import LobbyRender

// libFuzzer's entry point. SwiftPM builds this target with `-parse-as-library` under
// `--sanitize=fuzzer`, and libFuzzer supplies `main`. The target is chosen by the environment
// (LOBBY_FUZZ_TARGET, set by `make fuzz`):
// - `playlist`: TOML parsing and every validation stage;
// - `control`: the control socket's request parser;
// - `alpha`: the simulated sign's packet decoder.
// Every input must be answered, never crash: a crash, a hang or a leak is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    switch FuzzTarget.selected {
    case .playlist:
        _ = FuzzTarget.validator.validate(file: "fuzz.toml", bytes: bytes, signature: nil, now: FuzzTarget.now)
    case .control:
        _ = try? ControlRequest.parse(bytes)
    case .alpha:
        var decoder = AlphaDecoder()
        _ = decoder.feed(bytes)
    }
    return 0
}

enum FuzzTarget: String {
    case playlist, control, alpha

    static let selected: FuzzTarget = {
        guard let name = ProcessInfo.processInfo.environment["LOBBY_FUZZ_TARGET"],
            let target = FuzzTarget(rawValue: name)
        else {
            FileHandle.standardError.write(
                Data("lobby-fuzz: set LOBBY_FUZZ_TARGET to playlist, control or alpha\n".utf8))
            exit(64)
        }
        return target
    }()

    /// Built once: the validator holds a FreeType face. The trust store is empty, so signed
    /// stages are reached only by the seeds' structure, not by forging signatures.
    nonisolated(unsafe) static let validator = PlaylistValidator(
        configuration: Configuration(), trust: TrustStore(), fitting: try! TextRenderer(configuration: Configuration()))

    static let now = Date(timeIntervalSince1970: 1_795_000_000)
}
