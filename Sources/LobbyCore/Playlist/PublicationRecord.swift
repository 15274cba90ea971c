import Foundation

/// What an inspector asks of each published playlist: its validity, its items, and who drafted,
/// reviewed (with the confidentiality review), approved (with the confidentiality approval) and
/// published it, as the verified approval sheet says. Written into the
/// `playlist_accepted` event, so the monthly report has it after the spool's files are gone.
public struct PublicationRecord: Sendable, Equatable {
    /// One item: its category, whether it is an emergency notice, and its text (shortened).
    public struct Item: Sendable, Equatable {
        public var category: String
        public var isEmergency: Bool
        public var text: String
    }

    public var id: String
    public var version: Int
    public var title: String
    public var publisher: String
    /// In the hall's zone, `2026-11-30 08:00`.
    public var validFrom: String
    public var validUntil: String
    public var section: String
    public var drafted: String
    public var reviewed: String
    public var confidentialityReview: String
    public var approved: String
    /// 保密批准, beside the director's name.
    public var confidentialityApproval: String
    public var documentNumber: String
    public var items: [Item]

    /// Items' texts are cut to this many characters: the record names them, the archive holds them.
    static let textLimit = 40
    static let itemLimit = 50

    public init(playlist: Playlist, publisher: String, zone: TimeZone) {
        let chain = playlist.approval
        func local(_ date: Date) -> String {
            let time = zone.localTime(of: date)
            let seconds = Int(time.secondOfDay)
            return "\(time.date) " + String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60)
        }
        id = playlist.id
        version = playlist.version
        title = playlist.title
        self.publisher = publisher
        validFrom = local(playlist.validFrom)
        validUntil = local(playlist.validUntil)
        section = chain.section
        drafted = chain.steps(.draft).map(\.signedBy).joined(separator: ", ")
        reviewed = chain.steps(.review).map(\.signedBy).joined(separator: ", ")
        confidentialityReview = chain.steps(.review).compactMap(\.confidentiality).joined(separator: ", ")
        approved = chain.steps(.approve).map(\.signedBy).joined(separator: ", ")
        confidentialityApproval = chain.steps(.approve).compactMap(\.confidentiality).joined(separator: ", ")
        documentNumber = chain.documentNumber ?? ""
        items = playlist.items.prefix(Self.itemLimit).map {
            Item(
                category: $0.category, isEmergency: $0.priority == .emergency,
                text: Self.shortened($0.text))
        }
    }

    /// The event detail; `init(detail:)` reads it back.
    public var detail: [String: String] {
        [
            "id": id, "version": "\(version)", "title": title, "publisher": publisher, "valid_from": validFrom,
            "valid_until": validUntil, "section": section, "drafted": drafted, "reviewed": reviewed,
            "confidentiality_review": confidentialityReview, "approved": approved,
            "confidentiality_approval": confidentialityApproval, "document": documentNumber,
            "items": items.map { "\($0.isEmergency ? "!" : "")\($0.category)\t\($0.text)" }.joined(separator: "\n"),
        ]
    }

    /// `nil` for a record without an id and version (an event written before records existed
    /// has only those, and reads as a record with the other fields empty).
    public init?(detail: [String: String]) {
        guard let id = detail["id"], let version = detail["version"].flatMap({ Int($0) }) else { return nil }
        self.id = id
        self.version = version
        title = detail["title"] ?? ""
        publisher = detail["publisher"] ?? ""
        validFrom = detail["valid_from"] ?? ""
        validUntil = detail["valid_until"] ?? ""
        section = detail["section"] ?? ""
        drafted = detail["drafted"] ?? ""
        reviewed = detail["reviewed"] ?? ""
        confidentialityReview = detail["confidentiality_review"] ?? ""
        approved = detail["approved"] ?? ""
        confidentialityApproval = detail["confidentiality_approval"] ?? ""
        documentNumber = detail["document"] ?? ""
        items = (detail["items"] ?? "").split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let category = String(fields[0])
            return Item(
                category: category.hasPrefix("!") ? String(category.dropFirst()) : category,
                isEmergency: category.hasPrefix("!"), text: fields.count > 1 ? String(fields[1]) : "")
        }
    }

    /// On one line (the record's items are one per line, category and text split by a tab), and
    /// at most `textLimit` characters.
    static func shortened(_ text: String) -> String {
        let text = text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
        return text.count <= textLimit ? text : String(text.prefix(textLimit - 1)) + "…"
    }
}
