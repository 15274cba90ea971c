/// One reason a playlist is refused: which validation stage, where in which file, and what is
/// wrong, in words the content office can act on.
public struct PlaylistProblem: Sendable, Equatable, CustomStringConvertible {
    /// The validation stages, in the order they run.
    public enum Stage: String, Sendable, CaseIterable, Comparable {
        case size, syntax, schema, approval, signature, validity, content, coverage, layout

        /// The stage's name for people, in the process's language.
        public var name: String { Messages.Playlist.stage(self).description }

        public static func < (lhs: Stage, rhs: Stage) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var stage: Stage
    public var location: SourceLocation
    public var message: String

    public init(stage: Stage, location: SourceLocation, message: String) {
        self.stage = stage
        self.location = location
        self.message = message
    }

    /// `incoming/news.toml:14: [三审制度] 保密审核结果为 …`
    public var description: String {
        "\(location): [\(stage.name)] \(message)"
    }

    /// Problems found while reading the TOML, with the stage they belong to.
    static func from(_ error: LobbyCoreError) -> [PlaylistProblem] {
        error.problems.map { problem in
            switch problem {
            case .syntax(let location, _):
                PlaylistProblem(stage: .syntax, location: location, message: problem.message)
            case .unreadable(let file, _), .unwritable(let file, _):
                PlaylistProblem(stage: .syntax, location: SourceLocation(file: file), message: problem.message)
            default:
                PlaylistProblem(stage: .schema, location: problem.location, message: problem.message)
            }
        }
    }
}

/// The plain-text explanation placed beside a rejected playlist (`rejected/NAME.reason`), in the
/// hall's language: a summary, then every problem, each with its place in the file.
public enum RejectionReport {
    public static func text(file: String, problems: [PlaylistProblem], rejectedAt: String) -> String {
        let stages = Set(problems.map(\.stage)).sorted().map(\.name)
            .joined(separator: Messages.Punctuation.list.description)
        var lines = [
            Messages.Playlist.rejected(file: file, count: problems.count, stages: stages, at: rejectedAt).description,
            "",
        ]
        for (index, problem) in problems.enumerated() {
            lines.append("\(index + 1). \(problem)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension LobbyCoreError {
    /// Where the problem is, for errors that have one place.
    var location: SourceLocation {
        switch self {
        case .syntax(let location, _), .unknownKey(let location, _, _), .missingKey(let location, _),
            .wrongType(let location, _, _, _), .invalidValue(let location, _, _, _), .outdated(let location, _):
            location
        case .unreadable(let file, _), .unwritable(let file, _):
            SourceLocation(file: file)
        case .several(let errors):
            errors.first?.location ?? SourceLocation(file: "")
        }
    }

    /// The description without the leading `file:line: `.
    var message: String {
        let text = description
        let prefix = "\(location): "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
