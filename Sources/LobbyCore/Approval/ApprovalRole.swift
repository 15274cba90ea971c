/// The four hands a playlist passes through, in order: the section drafts it (科室拟稿), the
/// responsible deputy reviews it with the confidentiality review (分管领导审核, 保密审核), the
/// director approves it with the confidentiality approval (局长审批, 保密批准), and the service
/// center's designated staff lay it out and publish it (排版发布).
public enum ApprovalRole: String, Sendable, CaseIterable, Comparable {
    case draft, review, approve, publish

    /// The word on the office's form: 拟稿, 审核, 审批, 发布.
    public var word: String {
        switch self {
        case .draft: "拟稿"  // lint: not for people (a role's name, the same in both languages)
        case .review: "审核"  // lint: not for people (a role's name, the same in both languages)
        case .approve: "审批"  // lint: not for people (a role's name, the same in both languages)
        case .publish: "发布"  // lint: not for people (a role's name, the same in both languages)
        }
    }

    /// A role as people write it: `审核`, `review`, `分管领导`, `排版发布`…
    public init?(spelled text: String) {
        let folded = TextFolding.folded(text).lowercased()
        let spellings: [ApprovalRole: Set<String>] = [
            .draft: ["draft", "拟稿", "科室拟稿", "drafter"],
            .review: ["review", "审核", "分管领导", "分管领导审核", "reviewer"],
            .approve: ["approve", "审批", "局长", "局长审批", "approver", "director"],
            .publish: ["publish", "发布", "排版发布", "publisher"],
        ]
        guard let role = spellings.first(where: { $0.value.contains(folded) })?.key else { return nil }
        self = role
    }

    /// Whether the step carries a confidentiality verdict: 保密审核 at review, 保密批准 at approval.
    public var attestsConfidentiality: Bool { self == .review || self == .approve }

    public static func < (lhs: ApprovalRole, rhs: ApprovalRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
