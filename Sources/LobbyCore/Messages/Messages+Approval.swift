/// What the content office and the technician read about approval sheets, the roster and keys.
extension Messages {
    public enum Approval {
        /// `审核（review）`: the office's word and the file's.
        static func name(_ role: ApprovalRole) -> String {
            Language.current == .chinese ? role.word : role.rawValue
        }

        static let singleSignature = Localized(
            "此签名文件是旧格式（只有发布人一人的签名），不再接受，须改为逐人签名的审批签名单。请按新流程重新审批：删除此文件，"
                + "拟稿人 lobbyctl approve --role 拟稿，分管领导 lobbyctl approve --role 审核，局长 lobbyctl approve --role 审批，"
                + "最后发布人 lobbyctl sign（见 FORMAT.md）",
            "this signature file is the old format (the publisher's signature alone), no longer accepted: playlists now "
                + "carry an approval sheet signed step by step. Re-approve: remove this file, then the drafter runs "
                + "lobbyctl approve --role draft, the deputy --role review, "
                + "the director --role approve, and the publisher lobbyctl sign (see FORMAT.md)")
        static let legacyApproval = Localized(
            "三审记录已改为各人用自己的密钥签名（审批签名单 .sig）：请删去 [approval.drafted]、[approval.reviewed]、"
                + "[approval.approved]，再由拟稿人、审核人、审批人依次 lobbyctl approve，发布人 lobbyctl sign",
            "the three reviews are now signed by each person with their own key (the approval sheet, .sig): remove "
                + "[approval.drafted], [approval.reviewed] and [approval.approved], then have the drafter, reviewer and "
                + "director run lobbyctl approve in turn and the publisher lobbyctl sign")
        static func tooManySteps(_ max: Int) -> Localized {
            Localized("至多 \(max) 步", "at most \(max) steps")
        }
        public static let roles = Localized(
            "拟稿、审核、审批或发布（draft、review、approve、publish）",
            "draft, review, approve or publish (\"拟稿\", \"审核\", \"审批\", \"发布\")")
        static func keyOfOther(_ name: String) -> Localized {
            Localized(
                "另一把密钥：此密钥已登记给 \(name)，一把密钥只属于一个人",
                "another key: this one is listed for \(name), and a key belongs to one person")
        }
        static let personName = Localized("非空的姓名", "a name that is not empty")
        static let keyID = Localized(
            "16 位十六进制的密钥编号（见 .pub 文件的 key_id）", "a 16-digit hex key id (the .pub file's key_id)")
        static func untilAfterFrom(_ from: LocalDate) -> Localized {
            Localized("不早于 from（\(from)）的日期", "a date not before from (\(from))")
        }
        static func expiredKey(_ id: String, of holder: String, _ last: LocalDate) -> Localized {
            Localized(
                "密钥 \(id)（\(holder)）的有效期到 \(last) 为止，已过期；请生成新密钥（lobbyctl keygen --valid-until）并由技术人员登记",
                "key \(id) of \(holder) was valid until \(last) and has expired; make a new one "
                    + "(lobbyctl keygen --valid-until) and have the technician install it")
        }
        static let otherContent = Localized(
            "签名单属于另一份内容：发布内容单在签名后被改动过，请重新审批",
            "the sheet belongs to other content: the playlist was changed after it was signed; have it approved again")
        static func step(_ number: Int, _ role: ApprovalRole, _ text: String) -> Localized {
            Localized("第 \(number) 步（\(name(role))）：\(text)", "step \(number) (\(name(role))): \(text)")
        }
        public static func held(_ entry: Roster.Entry) -> Localized {
            let roles = entry.roles.sorted()
            let from = entry.from.map { "\($0)" } ?? "…"
            let until = entry.until.map { "\($0)" } ?? "…"
            return Localized(
                "\(roles.map(\.word).joined(separator: "、")) \(from)–\(until)",
                "\(roles.map(\.rawValue).joined(separator: ", ")) \(from)–\(until)")
        }
        static func notInRole(
            _ number: Int, _ role: ApprovalRole, key: String, holder: String, on date: LocalDate, held: [String]
        ) -> Localized {
            let chinese = held.isEmpty ? "名册中没有此密钥" : "名册所载：\(held.joined(separator: "；"))"
            let english =
                held.isEmpty ? "the roster does not list this key" : "the roster has: \(held.joined(separator: "; "))"
            return Localized(
                "第 \(number) 步（\(name(role))）的签名密钥 \(key)（\(holder)）在 \(date) 不担任\(role.word)（\(chinese)）",
                "step \(number) (\(name(role))) is signed with key \(key) of \(holder), who does not hold the \(role.rawValue) role on "
                    + "\(date) (\(english))")
        }
        static func outOfOrder(_ number: Int, _ role: ApprovalRole, after previous: ApprovalRole) -> Localized {
            Localized(
                "第 \(number) 步\(role.word)排在\(previous.word)之后；顺序应为 拟稿 → 审核 → 审批 → 发布",
                "step \(number) (\(name(role))) comes after \(name(previous)); the order is draft → review → approve → publish"
            )
        }
        static func missingStep(_ role: ApprovalRole) -> Localized {
            Localized(
                "缺少\(role.word)一步：请由\(holderWord(role))用 lobbyctl \(role == .publish ? "sign" : "approve --role \(role.word)") 签名",
                "the \(name(role)) step is missing: the \(holderWordEnglish(role)) signs it with lobbyctl "
                    + (role == .publish ? "sign" : "approve --role \(role.rawValue)"))
        }
        static func repeatedStep(_ role: ApprovalRole, _ count: Int) -> Localized {
            Localized("\(role.word)一步出现 \(count) 次，只应有一次", "the \(name(role)) step appears \(count) times; once only")
        }
        static func stepTooEarly(_ role: ApprovalRole, _ through: ApprovalRole) -> Localized {
            Localized(
                "已有\(role.word)一步，而本次签的是\(through.word)",
                "there is already a \(name(role)) step, and this is the \(name(through))")
        }
        static func datedBefore(_ role: ApprovalRole, _ date: LocalDate, _ previous: ApprovalRole, _ earlier: LocalDate)
            -> Localized
        {
            Localized(
                "\(role.word)日期 \(date) 早于\(previous.word)日期 \(earlier)",
                "\(name(role)) dated \(date), before \(name(previous)) on \(earlier)")
        }
        static func inFuture(_ role: ApprovalRole, _ date: LocalDate, _ today: LocalDate) -> Localized {
            Localized(
                "\(role.word)日期 \(date) 晚于今天（\(today)）", "\(name(role)) dated \(date), which is after today (\(today))")
        }
        static func tooOld(_ role: ApprovalRole, _ date: LocalDate, validFrom: LocalDate, days: Int) -> Localized {
            Localized(
                "\(role.word)日期 \(date) 比开始日期 \(validFrom) 早 \(days) 天以上（[content] approval_max_age_days）：审批已过时，请重新审批",
                "\(name(role)) dated \(date), more than \(days) days before valid_from \(validFrom) "
                    + "([content] approval_max_age_days): the approval is stale; approve it again")
        }
        static func notTheirSection(_ section: String, _ person: String, _ sections: [String]) -> Localized {
            Localized(
                "拟稿科室为 \"\(section)\"，而 \(person) 在名册中只为 \(sections.joined(separator: "、")) 拟稿",
                "drafted for section \"\(section)\", but the roster has \(person) drafting for \(sections.joined(separator: ", ")) only"
            )
        }
        static func confidentiality(_ role: ApprovalRole, _ value: String?) -> Localized {
            let check = role == .review ? "保密审核" : "保密批准"
            let english = role == .review ? "confidentiality review" : "confidentiality approval"
            guard let value else {
                return Localized(
                    "\(role.word)一步缺少\(check)（confidentiality = \"通过\"）",
                    "the \(name(role)) step has no \(english) (confidentiality = \"passed\")")
            }
            return Localized(
                "\(check)结果为 \"\(value)\"，须为 \"通过\" 方可发布", "the \(english) is \"\(value)\"; it must be \"passed\"")
        }
        static func samePerson(_ person: String, _ first: ApprovalRole, _ second: ApprovalRole) -> Localized {
            Localized(
                "\(person) 已签\(first.word)，不能再签\(second.word)：拟稿、审核、审批、发布须由不同的人用各自的密钥完成",
                "\(person) already signed \(name(first)) and cannot sign \(name(second)): drafter, reviewers, director "
                    + "and publisher are different people, each with their own key")
        }
        static func noDeputy(_ categories: [String]) -> Localized {
            Localized(
                "以下类别没有分管领导审核（应审尽审）：\(categories.joined(separator: "、"))；请由分管该类别的领导 lobbyctl approve --role 审核",
                "no responsible deputy reviewed these categories: \(categories.joined(separator: ", ")); the deputy in "
                    + "charge of each signs with lobbyctl approve --role review")
        }
        static let noSource = Localized(
            "转载内容（reposted = true）须注明稿源 source", "reposted content (reposted = true) must name its source")
        static func tooManyRounds(_ count: Int) -> Localized {
            Localized("三校记录有 \(count) 轮，至多 3 轮", "\(count) proofreading rounds recorded; at most 3")
        }

        private static func holderWord(_ role: ApprovalRole) -> String {
            switch role {
            case .draft: "拟稿科室"
            case .review: "分管领导"
            case .approve: "局长"
            case .publish: "发布人员"
            }
        }
        private static func holderWordEnglish(_ role: ApprovalRole) -> String {
            switch role {
            case .draft: "drafting section"
            case .review: "responsible deputy"
            case .approve: "director"
            case .publish: "publishing staff"
            }
        }
    }
}
