import Foundation
import LobbyCore
import LobbyTestSupport

/// A valid playlist with known line numbers, the four hands of its approval sheet (known to the
/// trust store and the roster), and a fixed "now", for rejection tests that change one thing at
/// a time.
struct PlaylistFixture {
    static let text = SamplePlaylist.text(version: 2)

    /// 2026-11-25 10:00 in the hall.
    static let now = TimeZone(identifier: "Asia/Shanghai")!.parseInstant("2026-11-25T10:00")!
    static let file = "incoming/hall-news.toml"

    let approvers = Approvers()
    var configuration = Configuration()
    var trust: TrustStore

    init() {
        trust = approvers.trust
    }

    /// Validates `text` with its complete sheet (2026-11-16 … 19) unless `signature` says
    /// otherwise.
    func validate(_ text: String = PlaylistFixture.text, signature: [UInt8]?? = nil) -> PlaylistVerdict {
        let bytes = Array(text.utf8)
        let signatureBytes = signature ?? Array(approvers.sheet(for: bytes).utf8)
        let validator = PlaylistValidator(configuration: configuration, trust: trust, fitting: FakeFitting())
        return validator.validate(file: Self.file, bytes: bytes, signature: signatureBytes, now: Self.now)
    }

    func problems(_ text: String = PlaylistFixture.text, signature: [UInt8]?? = nil) -> [PlaylistProblem] {
        if case .rejected(let problems) = validate(text, signature: signature) { return problems }
        return []
    }

    /// The problems of the fixture's text with the sheet `hands` signed.
    func problems(hands: [(step: ApprovalSheet.Step, key: PersonalKey)], text: String = PlaylistFixture.text)
        -> [PlaylistProblem]
    {
        let sheet = try! ApprovalSheet.signing(Array(text.utf8), by: hands)
        return problems(text, signature: Array(sheet.fileText.utf8))
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
