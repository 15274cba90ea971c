/// The review a playlist passed before publication, as the validator verified it: the signed
/// steps of its approval sheet (科室拟稿 → 分管领导审核 with 保密审核 → 局长审批 with 保密批准 →
/// 排版发布), each with the roster's name for the key that signed it, and what the playlist's own
/// `[approval]` table records (document number, 稿源 of reposted content, 三校).
public struct ApprovalChain: Sendable, Equatable {
    /// One verified step.
    public struct Step: Sendable, Equatable {
        public var role: ApprovalRole
        /// The roster's name for the key's holder.
        public var person: String
        public var keyID: String
        public var date: LocalDate
        public var section: String?
        public var confidentiality: String?

        public init(
            role: ApprovalRole, person: String, keyID: String, date: LocalDate, section: String? = nil,
            confidentiality: String? = nil
        ) {
            self.role = role
            self.person = person
            self.keyID = keyID
            self.date = date
            self.section = section
            self.confidentiality = confidentiality
        }

        /// `王芳 2026-11-17`.
        public var signedBy: String { "\(person) \(date)" }
    }

    /// One round of proofreading (三校).
    public struct Proofreading: Sendable, Equatable {
        public var person: String
        public var date: LocalDate

        public init(person: String, date: LocalDate) {
            self.person = person
            self.date = date
        }
    }

    /// The verified steps, in order; empty for a playlist read without its sheet (`preview`).
    public var steps: [Step]
    /// The approval document's number, such as 穗政务〔2026〕15号, when there is one.
    public var documentNumber: String?
    /// Whether the content is reposted from elsewhere (转载); `source` then names where from.
    public var reposted: Bool
    public var source: String?
    public var proofreading: [Proofreading]

    public init(
        steps: [Step] = [], documentNumber: String? = nil, reposted: Bool = false, source: String? = nil,
        proofreading: [Proofreading] = []
    ) {
        self.steps = steps
        self.documentNumber = documentNumber
        self.reposted = reposted
        self.source = source
        self.proofreading = proofreading
    }

    public func steps(_ role: ApprovalRole) -> [Step] {
        steps.filter { $0.role == role }
    }

    /// The drafting section, such as 综合科.
    public var section: String { steps(.draft).first?.section ?? "" }
    /// The publisher's name (the last step's signer).
    public var publisher: String { steps(.publish).last?.person ?? "" }

    /// What a confidentiality verdict says when it passed, as the office writes it and in English.
    public static let passedWords: Set<String> = ["通过", "已通过", "passed"]

    /// Whether a confidentiality verdict says it passed, as people write it: `通过`, `已通过`,
    /// `Passed`, with spaces around or not.
    public static func passed(_ result: String) -> Bool {
        passedWords.contains(TextFolding.folded(result).lowercased())
    }
}
