/// The three-step review every message passes before it may be published: drafted by a section
/// (科室拟稿), reviewed by the responsible deputy including a confidentiality review (分管领导审核,
/// 保密审核), approved by the director (局长审批).
public struct ApprovalChain: Sendable, Equatable {
    /// One signature on the approval form.
    public struct Step: Sendable, Equatable {
        public var person: String
        public var date: LocalDate

        public init(person: String, date: LocalDate) {
            self.person = person
            self.date = date
        }
    }

    /// The drafting section, such as 综合科.
    public var section: String
    public var drafted: Step
    public var reviewed: Step
    /// Must be `"通过"` or `"passed"`: content that failed or skipped the confidentiality review
    /// never airs.
    public var confidentialityReview: String
    public var approved: Step
    /// The approval document's number, such as 穗政务〔2026〕15号, when there is one.
    public var documentNumber: String?

    public init(
        section: String, drafted: Step, reviewed: Step, confidentialityReview: String, approved: Step,
        documentNumber: String? = nil
    ) {
        self.section = section
        self.drafted = drafted
        self.reviewed = reviewed
        self.confidentialityReview = confidentialityReview
        self.approved = approved
        self.documentNumber = documentNumber
    }

    /// What the confidentiality review says when it passed, as the office writes it and in English.
    public static let passedWords: Set<String> = ["通过", "已通过", "passed"]

    /// Whether the review's result says it passed, as people write it: `通过`, `已通过`,
    /// `Passed`, with spaces around or not.
    public static func passed(_ result: String) -> Bool {
        passedWords.contains(TextFolding.folded(result).lowercased())
    }

    /// Why this chain does not authorise publication on `today`, each reason as a sentence;
    /// empty when it does.
    public func problems(today: LocalDate) -> [(key: String, message: String)] {
        var problems: [(key: String, message: String)] = []
        let people = [drafted.person, reviewed.person, approved.person]
        // Compared folded: "李明 ", "李\u{200B}明" and "李明" are one person.
        let folded = people.map(TextFolding.folded)
        for (step, name) in zip(["drafted", "reviewed", "approved"], folded) where name.isEmpty {
            problems.append(("approval.\(step).person", Messages.Playlist.emptyName.description))
        }
        if Set(folded).count < 3 {
            problems.append(
                (
                    "approval",
                    Messages.Playlist.samePeople(people).description
                ))
        }
        if !Self.passed(confidentialityReview) {
            problems.append(
                (
                    "approval.reviewed.confidentiality_review",
                    Messages.Playlist.confidentiality(confidentialityReview).description
                ))
        }
        if reviewed.date < drafted.date {
            problems.append(
                (
                    "approval.reviewed.date",
                    Messages.Playlist.reviewedBeforeDrafted(reviewed.date, drafted.date).description
                ))
        }
        if approved.date < reviewed.date {
            problems.append(
                (
                    "approval.approved.date",
                    Messages.Playlist.approvedBeforeReviewed(approved.date, reviewed.date).description
                ))
        }
        if approved.date > today {
            problems.append(
                ("approval.approved.date", Messages.Playlist.approvedInFuture(approved.date, today).description))
        }
        return problems
    }
}
