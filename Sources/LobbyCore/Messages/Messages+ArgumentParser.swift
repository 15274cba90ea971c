import Foundation

/// swift-argument-parser writes its own frame around our help and errors (`USAGE:`, `Error:
/// Missing expected argument …`) in English. In Chinese, `lobbyctl` and `lobbyd` put each of
/// its fixed phrases in the office's words; the option names, values and our own texts inside
/// stay as they are.
extension Messages {
    public enum ArgumentParser {
        /// Each phrase as a regular expression and its Chinese (`$1`… the captured parts).
        static let phrases: [(pattern: String, chinese: String)] = [
            (#"^OVERVIEW: "#, "概述："),
            (#"^USAGE: "#, "用法："),
            (#"^ARGUMENTS:$"#, "参数："),
            (#"^OPTIONS:$"#, "选项："),
            (#"^SUBCOMMANDS:$"#, "子命令："),
            (#"Show the version\."#, "显示版本。"),
            (#"Show help information\."#, "显示帮助。"),
            (#"\(default: ([^)]*)\)"#, "（默认：$1）"),
            (#"See '([^']*)' for detailed help\."#, "用 '$1' 查看详细说明。"),
            (#"See '([^']*)' for more information\."#, "用 '$1' 查看更多说明。"),
            (#"^Error: Missing expected argument '([^']*)'"#, "错误：缺少参数 '$1'"),
            (#"^Error: Missing value for '([^']*)'"#, "错误：'$1' 缺少值"),
            (#"^Error: Unknown option '([^']*)'"#, "错误：没有 '$1' 这个选项"),
            (#"^Error: Unexpected argument '([^']*)'"#, "错误：多余的参数 '$1'"),
            (#"^Error: (\d+) unexpected arguments: "#, "错误：多余的 $1 个参数："),
            (#"^Error: Unknown options? "#, "错误：不认识的选项 "),
            (#"^Error: The value '([^']*)' is invalid for '([^']*)'"#, "错误：'$2' 的值 '$1' 无效"),
            (#"^Error: "#, "错误："),
            (#"^Help:  "#, "说明："),
            (#"^Usage: "#, "用法："),
        ]

        /// `text` (argument-parser's help or error) with its fixed phrases in `language`.
        public static func words(_ text: String, in language: Language) -> String {
            guard language == .chinese else { return text }
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                var line = String(line)
                let indent = line.prefix { $0 == " " }
                line.removeFirst(indent.count)
                for (pattern, chinese) in phrases {
                    line = line.replacingOccurrences(of: pattern, with: chinese, options: .regularExpression)
                }
                return indent + line
            }.joined(separator: "\n")
        }
    }
}
