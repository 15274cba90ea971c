/// One reason a playlist is refused: which validation stage, where in which file, and what is
/// wrong, in words the content office can act on.
public struct PlaylistProblem: Sendable, Equatable, CustomStringConvertible {
    /// The validation stages, in the order they run.
    public enum Stage: String, Sendable, CaseIterable, Comparable {
        case size, syntax, schema, approval, signature, validity, content, coverage, layout

        /// The stage's name on the hall's forms.
        public var chineseName: String {
            switch self {
            case .size: "文件大小"
            case .syntax: "文件格式"
            case .schema: "字段"
            case .approval: "三审流程"
            case .signature: "签名"
            case .validity: "有效期"
            case .content: "内容规范"
            case .coverage: "字库"
            case .layout: "版面"
            }
        }

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

    /// `incoming/news.toml:14: [三审流程/approval] the confidentiality review …`
    public var description: String {
        "\(location): [\(stage.chineseName)/\(stage.rawValue)] \(message)"
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

/// The plain-text explanation placed beside a rejected playlist (`rejected/NAME.reason`): a
/// Chinese summary first, then every problem, each with its place in the file.
public enum RejectionReport {
    public static func text(file: String, problems: [PlaylistProblem], rejectedAt: String) -> String {
        let stages = Set(problems.map(\.stage)).sorted().map(\.chineseName).joined(separator: "、")
        var lines = [
            "播放单 \(file) 未通过校验，未予发布：共 \(problems.count) 处问题（\(stages)），请按下列说明修改后重新提交。",
            "Playlist \(file) was rejected at \(rejectedAt): \(problems.count) problem(s).",
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
            .wrongType(let location, _, _, _), .invalidValue(let location, _, _, _):
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
