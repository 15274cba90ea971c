import Foundation

/// The checks of an approval sheet against the playlist it belongs to. In two passes, so that
/// the daemon reads nothing of a file whose hands it cannot trust: `signatures` (each step's
/// signature by a trusted, unrevoked, unexpired key whose holder has the step's role on the
/// step's date) before the playlist is parsed, `rules` (order, dates, confidentiality, 应审尽审,
/// different people) after.
struct ApprovalCheck {
    /// A step whose signature and role were verified, with the roster entry that allowed it.
    struct Verified {
        var index: Int
        var step: ApprovalChain.Step
        var entry: Roster.Entry
    }

    let sheet: ApprovalSheet
    let trust: TrustStore
    let today: LocalDate
    /// Where problems in the sheet are reported.
    let locate: (String) -> SourceLocation

    private func problem(_ stage: PlaylistProblem.Stage, _ key: String, _ message: Localized) -> PlaylistProblem {
        PlaylistProblem(stage: stage, location: locate(key), message: message.description)
    }

    /// Verifies every step's signature and role; returns the steps that passed and the problems.
    func signatures(of bytes: [UInt8]) -> (verified: [Verified], problems: [PlaylistProblem]) {
        guard sheet.contentDigest == Digest.sha256Hex(bytes) else {
            return ([], [problem(.signature, "content_sha256", Messages.Approval.otherContent)])
        }
        var verified: [Verified] = []
        var problems: [PlaylistProblem] = []
        for (index, step) in sheet.steps.enumerated() {
            let key: TrustedKey
            switch trust.check(sheet, step: index, today: today) {
            case .failure(let failure):
                problems.append(
                    PlaylistProblem(
                        stage: .signature, location: locate("steps[\(index)].key_id"),
                        message: Messages.Approval.step(index + 1, step.role, failure.description).description))
                continue
            case .success(let trusted):
                key = trusted
            }
            guard let entry = trust.roster.entry(for: step.keyID, as: step.role, on: step.date) else {
                let held = trust.roster.entries(for: step.keyID).map(Messages.Approval.held).map(\.description)
                problems.append(
                    problem(
                        .approval, "steps[\(index)].role",
                        Messages.Approval.notInRole(
                            index + 1, step.role, key: step.keyID, holder: key.holder, on: step.date, held: held)))
                continue
            }
            let signed = ApprovalChain.Step(
                role: step.role, person: entry.name, keyID: step.keyID, date: step.date, section: step.section,
                confidentiality: step.confidentiality)
            verified.append(Verified(index: index, step: signed, entry: entry))
        }
        return (verified, problems)
    }

    /// The rules of the chain for `playlist`, whose steps up to `through` must all be there;
    /// `remit` is the hall's categories (one outside it is refused by the content rules, not here).
    func rules(
        _ verified: [Verified], playlist: Playlist, validFrom: LocalDate, maxAgeDays: Int, through: ApprovalRole,
        remit: [String]
    ) -> [PlaylistProblem] {
        var problems = structure(through: through)
        problems += stepProblems(verified, validFrom: validFrom, maxAgeDays: maxAgeDays)
        problems += peopleProblems(verified, playlist: playlist, through: through, remit: remit)
        return problems
    }

    /// The sheet's shape alone, before the playlist is read: steps in order (拟稿 → 审核… →
    /// 审批 → 发布), each through `through` there, none repeated but 审核, none beyond.
    func structure(through: ApprovalRole) -> [PlaylistProblem] {
        var problems: [PlaylistProblem] = []
        for index in sheet.steps.indices.dropFirst() where sheet.steps[index].role < sheet.steps[index - 1].role {
            problems.append(
                problem(
                    .approval, "steps[\(index)].role",
                    Messages.Approval.outOfOrder(index + 1, sheet.steps[index].role, after: sheet.steps[index - 1].role)
                ))
        }
        for role in ApprovalRole.allCases {
            let count = sheet.steps.filter { $0.role == role }.count
            if count == 0 && role <= through {
                problems.append(problem(.approval, "steps", Messages.Approval.missingStep(role)))
            } else if count > 1 && role != .review {
                problems.append(problem(.approval, "steps", Messages.Approval.repeatedStep(role, count)))
            } else if count > 0 && role > through {
                problems.append(problem(.approval, "steps", Messages.Approval.stepTooEarly(role, through)))
            }
        }
        return problems
    }

    /// Each verified step's own fields and its date against the one before.
    private func stepProblems(_ verified: [Verified], validFrom: LocalDate, maxAgeDays: Int) -> [PlaylistProblem] {
        var problems: [PlaylistProblem] = []
        let earliest = validFrom.adding(days: -maxAgeDays)
        var previous: Verified?
        for item in verified {
            let step = item.step
            let key = "steps[\(item.index)]"
            if let previous, step.date < previous.step.date {
                problems.append(
                    problem(
                        .approval, "\(key).date",
                        Messages.Approval.datedBefore(step.role, step.date, previous.step.role, previous.step.date)))
            }
            if step.date > today {
                problems.append(
                    problem(.approval, "\(key).date", Messages.Approval.inFuture(step.role, step.date, today)))
            }
            if step.date < earliest {
                problems.append(
                    problem(
                        .approval, "\(key).date",
                        Messages.Approval.tooOld(step.role, step.date, validFrom: validFrom, days: maxAgeDays)))
            }
            if step.role == .draft {
                let section = step.section ?? ""
                if !item.entry.sections.contains(where: { TextFolding.folded($0) == TextFolding.folded(section) }) {
                    problems.append(
                        problem(
                            .approval, "\(key).section",
                            Messages.Approval.notTheirSection(section, step.person, item.entry.sections)))
                }
            }
            if step.role.attestsConfidentiality && !ApprovalChain.passed(step.confidentiality ?? "") {
                problems.append(
                    problem(
                        .approval, "\(key).confidentiality",
                        Messages.Approval.confidentiality(step.role, step.confidentiality)))
            }
            previous = item
        }
        return problems
    }

    /// Different people at each hand — by name and by key, the publisher too — and a responsible
    /// deputy for every category (应审尽审).
    private func peopleProblems(_ verified: [Verified], playlist: Playlist, through: ApprovalRole, remit: [String])
        -> [PlaylistProblem]
    {
        var problems: [PlaylistProblem] = []
        var seen: [String: Verified] = [:]
        for item in verified {
            let name = TextFolding.folded(item.entry.name)
            if let first = seen[name] ?? seen[item.step.keyID] {
                problems.append(
                    problem(
                        .approval, "steps[\(item.index)].key_id",
                        Messages.Approval.samePerson(item.entry.name, first.step.role, item.step.role)))
            } else {
                seen[name] = item
                seen[item.step.keyID] = item
            }
        }
        // Once the reviews are done (the director signs next), and only when every review step
        // was verified: a missing or refused one was reported already. While the sheet goes round
        // the deputies, each signs before the others have.
        let reviewers = verified.filter { $0.step.role == .review }
        let written = sheet.steps.filter { $0.role == .review }.count
        if through >= .approve && written > 0 && reviewers.count == written {
            var categories: [String] = []
            for item in playlist.items where remit.contains(item.category) && !categories.contains(item.category) {
                categories.append(item.category)
            }
            let uncovered = categories.filter { category in
                !reviewers.contains { $0.entry.categories.contains(category) }
            }
            if !uncovered.isEmpty {
                problems.append(problem(.approval, "steps", Messages.Approval.noDeputy(uncovered)))
            }
        }
        return problems
    }
}
