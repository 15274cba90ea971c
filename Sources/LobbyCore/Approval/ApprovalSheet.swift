import Foundation

/// `NAME.toml.sig`, the approval sheet (审批签名单): one step per hand the playlist passed
/// through — 拟稿, one or more 审核, 审批, 发布 — each signed by that person's own key. Step *k*'s
/// signature covers the playlist's exact bytes (its SHA-256), every earlier step with its
/// signature, and step *k*'s own fields (`message(upTo:)`): nobody can drop, reorder or re-date
/// an earlier hand's step without breaking every signature after it, and the publisher's
/// signature, last, covers the whole chain.
public struct ApprovalSheet: Sendable, Equatable {
    /// One signed step.
    public struct Step: Sendable, Equatable {
        public var role: ApprovalRole
        public var keyID: String
        public var date: LocalDate
        /// The drafting section (拟稿 only), such as 综合科.
        public var section: String?
        /// 保密审核 (审核) or 保密批准 (审批): `通过`/`passed` when it passed.
        public var confidentiality: String?
        public var signature: [UInt8]

        public init(
            role: ApprovalRole, keyID: String, date: LocalDate, section: String? = nil,
            confidentiality: String? = nil, signature: [UInt8] = []
        ) {
            self.role = role
            self.keyID = keyID
            self.date = date
            self.section = section
            self.confidentiality = confidentiality
            self.signature = signature
        }
    }

    /// Lowercase hex SHA-256 of the playlist file the sheet belongs to.
    public var contentDigest: String
    public var steps: [Step]

    public init(contentDigest: String, steps: [Step] = []) {
        self.contentDigest = contentDigest
        self.steps = steps
    }

    /// An empty sheet for the playlist `bytes`.
    public init(for bytes: [UInt8]) {
        self.init(contentDigest: Digest.sha256Hex(bytes))
    }

    /// At most this many steps (拟稿, up to 8 审核, 审批, 发布): bounds the file and the work.
    public static let maxSteps = 11
    /// A sheet of `maxSteps` steps is under 4 KiB; anything larger is not one.
    public static let byteLimit = 16_384

    /// What step `index` signs: the content digest, steps `0…index` with the signatures of the
    /// steps before it. One field per line, strings quoted as in TOML, so that no two sheets
    /// give the same message.
    public func message(upTo index: Int) -> [UInt8] {
        var lines = ["lobbyd approval sheet 1", "content \(contentDigest)"]  // lint: not for people (signed message)
        for (position, step) in steps.prefix(index + 1).enumerated() {
            lines.append(
                "step \(step.role.rawValue) \(step.keyID) \(step.date) section=\(KeyFile.quoted(step.section ?? ""))"
                    + " confidentiality=\(KeyFile.quoted(step.confidentiality ?? ""))")
            if position < index { lines.append("signature \(Data(step.signature).base64EncodedString())") }
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// This sheet with `step` signed by `key` and added at the end.
    public func appending(_ step: Step, signedBy key: PersonalKey) throws -> ApprovalSheet {
        var sheet = self
        var step = step
        step.keyID = key.publicKey.keyID
        sheet.steps.append(step)
        step.signature = try key.signature(of: sheet.message(upTo: sheet.steps.count - 1))
        sheet.steps[sheet.steps.count - 1] = step
        return sheet
    }

    /// The sheet of `bytes` with each of `hands` signed in turn: what `lobbyctl approve` and
    /// `lobbyctl sign` build one step at a time.
    public static func signing(_ bytes: [UInt8], by hands: [(step: Step, key: PersonalKey)]) throws -> ApprovalSheet {
        var sheet = ApprovalSheet(for: bytes)
        for hand in hands { sheet = try sheet.appending(hand.step, signedBy: hand.key) }
        return sheet
    }

    public var fileText: String {
        var text = "# lobbyd approval sheet of the playlist beside it: add a step with `lobbyctl approve`\n"
        text += "content_sha256 = \(KeyFile.quoted(contentDigest))\n"
        for step in steps {
            text += "\n[[steps]]\nrole = \(KeyFile.quoted(step.role.rawValue))  # \(step.role.word)\n"
            text += "key_id = \(KeyFile.quoted(step.keyID))\ndate = \(step.date)\n"
            if let section = step.section { text += "section = \(KeyFile.quoted(section))\n" }
            if let verdict = step.confidentiality { text += "confidentiality = \(KeyFile.quoted(verdict))\n" }
            text += "signature = \(KeyFile.quoted(Data(step.signature).base64EncodedString()))\n"
        }
        return text
    }

    /// Reads a sheet, reporting every problem with its line. A sheet of the first release (one
    /// publisher's signature, `signature = …` at the top) is refused with how to re-approve it.
    public static func parse(text: String, file: String) throws(LobbyCoreError) -> ApprovalSheet {
        let root = try TOMLSource.parse(text: text, file: file)
        if root.contains("signature") && !root.contains("steps") {
            throw .outdated(root.location(of: "signature"), message: Messages.Approval.singleSignature.description)
        }
        let digest = root.require("content_sha256", root.string)
        let tables = root.require("steps", root.tables) ?? []
        if tables.count > maxSteps {
            root.invalid("steps", value: "\(tables.count)", expected: Messages.Approval.tooManySteps(maxSteps))
        }
        let steps = tables.prefix(maxSteps).compactMap(readStep)
        root.finish()
        try root.diagnostics.throwIfAny()
        guard let digest else { throw .missingKey(SourceLocation(file: file), key: "content_sha256") }
        return ApprovalSheet(contentDigest: digest, steps: steps)
    }

    private static func readStep(_ table: TOMLTableReader) -> Step? {
        defer { table.finish() }
        var role: ApprovalRole?
        if let word = table.require("role", table.string) {
            role = ApprovalRole(spelled: word)
            if role == nil {
                table.invalid("role", value: "\"\(word)\"", expected: Messages.Approval.roles)
            }
        }
        let keyID = table.require("key_id", table.string)
        let date = table.require("date", table.localDate)
        let section = table.string("section")
        let confidentiality = table.string("confidentiality")
        let encoded = table.require("signature", table.string)
        let signature = encoded.flatMap { Data(base64Encoded: $0) }
        if encoded != nil && signature == nil {
            table.invalid("signature", value: "…", expected: Messages.Expect.base64)
        }
        guard let role, let keyID, let date, let signature else { return nil }
        return Step(
            role: role, keyID: keyID, date: date, section: section, confidentiality: confidentiality,
            signature: Array(signature))
    }
}
