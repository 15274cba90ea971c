import Foundation
import LobbyCore
import LobbyTestSupport

/// A valid playlist with known line numbers, a publisher key the trust store knows, and a fixed
/// "now", for rejection tests that change one thing at a time.
struct PlaylistFixture {
    static let text = SamplePlaylist.text(version: 2)

    /// 2026-11-25 10:00 in the hall.
    static let now = TimeZone(identifier: "Asia/Shanghai")!.parseInstant("2026-11-25T10:00")!
    static let file = "incoming/hall-news.toml"

    let key = PublisherKey(publisher: "政务服务中心 张三")
    var configuration = Configuration()
    var trust: TrustStore

    init() {
        trust = TrustStore(keys: [key.publicKey])
    }

    /// Validates `text`, signed by the fixture's key unless `signature` says otherwise.
    func validate(_ text: String = PlaylistFixture.text, signature: [UInt8]?? = nil) -> PlaylistVerdict {
        let bytes = Array(text.utf8)
        let signatureBytes = signature ?? Array(try! key.sign(bytes).fileText.utf8)
        let validator = PlaylistValidator(configuration: configuration, trust: trust, fitting: FakeFitting())
        return validator.validate(file: Self.file, bytes: bytes, signature: signatureBytes, now: Self.now)
    }

    func problems(_ text: String = PlaylistFixture.text, signature: [UInt8]?? = nil) -> [PlaylistProblem] {
        if case .rejected(let problems) = validate(text, signature: signature) { return problems }
        return []
    }
}

/// Stands in for the renderer: 𠀀 is the only character the "font" lacks, and a page holds 24
/// characters, as Unifont 16 px does on a 192×32 panel.
struct FakeFitting: TextFitting {
    func missingCharacters(in text: String) -> [(scalar: Unicode.Scalar, offset: Int)] {
        text.unicodeScalars.enumerated().filter { $0.element == "\u{20000}" }.map { ($0.element, $0.offset) }
    }

    func pageCount(of text: String) -> Int {
        max(1, (text.count + 23) / 24)
    }
}

extension String {
    /// The fixture with one line replaced; fails loudly if the line is not there.
    func replacing(line old: String, with new: String) -> String {
        precondition(contains(old), "fixture has no line \(old)")
        return replacingOccurrences(of: old, with: new)
    }
}
