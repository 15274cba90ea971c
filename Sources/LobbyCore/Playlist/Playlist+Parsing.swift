import Foundation

extension Playlist {
    /// Reads a playlist file's TOML into a `Playlist`, or reports every syntax and schema problem
    /// (unknown keys, wrong types, missing fields). Dates without an offset are in `zone`.
    public static func parse(text: String, file: String, zone: TimeZone) throws(LobbyCoreError) -> Playlist {
        let root = try TOMLSource.parse(text: text, file: file)
        let playlist = PlaylistReader(root: root, zone: zone).read()
        root.finish()
        try root.diagnostics.throwIfAny()
        guard let playlist else { throw .missingKey(SourceLocation(file: file), key: "playlist") }
        return playlist
    }

    /// Reads what it can: the playlist whenever its required fields are there, even beside an
    /// unknown key or a bad optional value, with every problem found. The validator checks
    /// the content of a playlist with a misspelt key too, so that one pass reports everything.
    public static func read(text: String, file: String, zone: TimeZone) -> (Playlist?, [LobbyCoreError]) {
        let root: TOMLTableReader
        do {
            root = try TOMLSource.parse(text: text, file: file)
        } catch {
            return (nil, error.problems)
        }
        let playlist = PlaylistReader(root: root, zone: zone).read()
        root.finish()
        do {
            try root.diagnostics.throwIfAny()
        } catch {
            return (playlist, error.problems)
        }
        return (playlist, [])
    }
}

/// Reads the tables of a playlist file; `nil` where a required field was missing or invalid
/// (already reported to the diagnostics).
private struct PlaylistReader {
    let root: TOMLTableReader
    let zone: TimeZone

    func read() -> Playlist? {
        let id = root.require("id", root.string)
        if let id, !Self.isValidID(id) {
            root.invalid("id", value: "\"\(id)\"", expected: Messages.Expect.playlistID)
        }
        let version = root.require("version", root.integer)
        if let version, version < 1 {
            root.invalid("version", value: "\(version)", expected: Messages.Expect.integerFromOne)
        }
        let title = root.require("title", root.string)
        let validFrom = root.require("valid_from") { root.instant($0, in: zone) }
        let validUntil = root.require("valid_until") { root.instant($0, in: zone) }
        let approval = root.table("approval").map(readApproval) ?? ApprovalChain()
        let items = root.require("items", root.tables)?.compactMap(readItem)
        guard let id, Self.isValidID(id), let version, version >= 1, let title, let validFrom, let validUntil,
            let items
        else { return nil }
        return Playlist(
            id: id, version: version, title: title, validFrom: validFrom, validUntil: validUntil, approval: approval,
            items: items)
    }

    static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.count) && id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    /// The `[approval]` table: what the office records beside the signed steps. The steps
    /// themselves are in the approval sheet (`ApprovalSheet`); a file of the first release,
    /// with typed names in `[approval.drafted]`…, is told how to move to it.
    private func readApproval(_ table: TOMLTableReader) -> ApprovalChain {
        defer { table.finish() }
        if let legacy = ["drafted", "reviewed", "approved"].filter(table.contains).first {
            table.diagnostics.report(
                .outdated(table.location(of: legacy), message: Messages.Approval.legacyApproval.description))
        }
        var chain = ApprovalChain(documentNumber: table.string("document_number"))
        chain.reposted = table.boolean("reposted") ?? false
        chain.source = table.string("source")
        let rounds = table.tables("proofreading") ?? []
        if rounds.count > 3 {
            table.invalid(
                "proofreading", value: "\(rounds.count)", expected: Messages.Approval.tooManyRounds(rounds.count))
        }
        for round in rounds {
            defer { round.finish() }
            if let person = round.require("person", round.string), let date = round.require("date", round.localDate) {
                chain.proofreading.append(ApprovalChain.Proofreading(person: person, date: date))
            }
        }
        return chain
    }

    private func readItem(_ table: TOMLTableReader) -> PlaylistItem? {
        defer { table.finish() }
        let category = table.require("category", table.string)
        let text = table.require("text", table.string)
        guard let category, let text else { return nil }
        var item = PlaylistItem(category: category, text: text, path: table.path)
        table.read("mode", into: &item.mode)
        table.read("seconds", into: &item.seconds, in: 1...600)
        table.read("scroll_speed", into: &item.scrollSpeed, in: 1...256)
        table.read("color", into: &item.color, expected: Messages.Expect.colour) {
            ["red", "green", "amber"].contains($0)
        }
        table.read("align", into: &item.alignment)
        table.read("priority", into: &item.priority)
        table.read("day_part", into: &item.dayPart)
        item.validFrom = table.instant("valid_from", in: zone)
        item.validUntil = table.instant("valid_until", in: zone)
        return item
    }
}
