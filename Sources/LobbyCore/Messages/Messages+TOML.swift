/// What is wrong with the text of a TOML file (configuration, 发布内容单, calendar, key), at the
/// line and column the parser stopped.
extension Messages {
    enum TOML {
        static let endOfFile = Localized("文件结尾", "the end of the file")
        static func keyHeaderOrComment(_ found: String) -> Localized {
            Localized("这里应是名称、[表头] 或注释，实际是 \(found)", "expected a key, a [table] header or a comment, found \(found)")
        }
        static func endOfLine(_ found: String) -> Localized {
            Localized("值或表头之后应换行，实际是 \(found)", "expected the end of the line after a value or header, found \(found)")
        }
        static let closeHeader = Localized("表头应以 ] 结束", "expected ] to close the table header")
        static func alreadyDefined(_ key: String) -> Localized {
            Localized("\(key) 已经写过一次", "\(key) is already defined")
        }
        static let closeArrayHeader = Localized("数组表头应以 ]] 结束", "expected ]] to close the array-of-tables header")
        static func notArrayOfTables(_ key: String) -> Localized {
            Localized("[[\(key)]] 指向的不是表数组", "[[\(key)]] names a key that is not an array of tables")
        }
        static func emptyArrayOfTables(_ key: String) -> Localized {
            Localized("\(key) 是空的表数组", "\(key) is an empty array of tables")
        }
        static func notExtendable(_ key: String) -> Localized {
            Localized("\(key) 不是可以用表头扩展的表", "\(key) is not a table that a header can extend")
        }
        static func equalsAfter(_ key: String) -> Localized {
            Localized("名称 \(key) 之后应是 =", "expected = after the key \(key)")
        }
        static func noDottedKeys(_ key: String) -> Localized {
            Localized("\(key) 已经写过，不能再加带点的名称", "\(key) is already defined and cannot take dotted keys")
        }
        static func tooManyParts(_ count: Int) -> Localized {
            Localized("名称最多由 \(count) 段组成", "a key may have at most \(count) dotted parts")
        }
        static func badKey(_ found: String) -> Localized {
            Localized(
                "名称由字母 A-Z a-z、数字、_ 和 - 组成，或加引号；实际是 \(found)",
                "a key is letters A-Z a-z, digits, _ and -, or a quoted string; found \(found)")
        }
        static let missingValue = Localized("文件结尾缺少值", "a value is missing at the end of the file")
        static func notAValue(_ found: String) -> Localized {
            Localized(
                "\(found) 不能作为值的开头：文字要加英文双引号；数字、日期（2026-11-25）、日期时间（2026-11-25T08:20:00）和 true/false 不加",
                "\(found) does not start a value: text must be quoted; numbers, dates (2026-11-25), date-times (2026-11-25T08:20:00) and true/false are not"
            )
        }
        static func arraySeparator(_ found: String) -> Localized {
            Localized("列表中应是 , 或 ]，实际是 \(found)", "expected , or ] in the array, found \(found)")
        }
        static func inlineSeparator(_ found: String) -> Localized {
            Localized(
                "行内表（必须写在一行内）中应是 , 或 }，实际是 \(found)",
                "expected , or } in the inline table (which must stay on one line), found \(found)")
        }
        static func tooDeep(_ depth: Int) -> Localized {
            Localized("列表和行内表最多嵌套 \(depth) 层", "arrays and inline tables may be nested at most \(depth) deep")
        }
        static let unclosedOnLine = Localized("这一行的文字没有用引号结束", "the string is not closed on this line")
        static let unclosedMultiline = Localized("多行文字没有结束", "the multi-line string is not closed")
        static let unclosed = Localized("文字没有用引号结束", "the string is not closed")
        static let backslash = Localized(
            "多行文字中的反斜杠要么在行尾，要么开始一个转义", "a backslash in a multi-line string must end its line or start an escape")
        static func notEscape(_ code: String) -> Localized {
            Localized(
                "\\\(code) 不是转义；可用 \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX 或 \\UXXXXXXXX",
                "\\\(code) is not an escape; use \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX or \\UXXXXXXXX")
        }
        static func hexDigits(_ code: String, _ digits: Int) -> Localized {
            Localized("\\\(code) 后面需要 \(digits) 位十六进制数字", "\\\(code) needs \(digits) hexadecimal digits")
        }
        static let notUnicode = Localized("这个转义不是一个 Unicode 字符", "the escape does not name a Unicode character")
        static func controlInText(_ code: String) -> Localized {
            Localized("文字中有控制字符 \(code)；请写成转义", "control character \(code) in text; write it as an escape")
        }
        static let badOffset = Localized("时区偏移不存在", "the time offset is not a real one")
        static func notADate(_ date: String) -> Localized {
            Localized("\(date) 不是真实存在的日期", "\(date) is not a real calendar date")
        }
        static let notATime = Localized(
            "时间不存在（小时 00-23，分和秒 00-59）", "the time is not a real time of day (hours 00-23, minutes and seconds 00-59)")
        static let tooBig = Localized("整数超出 64 位的范围", "the integer does not fit in 64 bits")
        static let notANumber = Localized("不是 TOML 能读的数", "not a number TOML can read")
        static func controlInComment(_ code: String) -> Localized {
            Localized("注释中有控制字符 \(code)", "control character \(code) in a comment")
        }
        static func found(_ expected: Localized, _ found: String) -> Localized {
            Localized("\(expected.chinese)，实际是 \(found)", "\(expected.english), found \(found)")
        }
    }
}
