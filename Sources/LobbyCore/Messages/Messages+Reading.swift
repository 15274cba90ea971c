import Foundation

/// Reading the files people write (configuration, 发布内容单, calendars, keys): what was wrong
/// and what would have been right.
extension Messages {
    public enum Reading {
        static func cannotRead(_ file: String, _ reason: String) -> Localized {
            Localized("\(file): 无法读取：\(reason)", "\(file): cannot read: \(reason)")
        }
        static func cannotReadIt(_ reason: String) -> Localized {
            Localized("无法读取：\(reason)", "cannot read: \(reason)")
        }
        static func cannotWrite(_ file: String, _ reason: String) -> Localized {
            Localized("\(file): 无法写入：\(reason)", "\(file): cannot write: \(reason)")
        }
        static func syntax(_ location: SourceLocation, _ detail: String) -> Localized {
            Localized("\(location): 文件格式有误（TOML）：\(detail)", "\(location): TOML syntax error: \(detail)")
        }
        static func unknownKey(_ location: SourceLocation, _ key: String, _ suggestion: String?) -> Localized {
            Localized(
                "\(location): 不认识的名称 \"\(key)\"" + (suggestion.map { "（是否应为 \"\($0)\"？）" } ?? ""),
                "\(location): unknown key \"\(key)\"" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""))
        }
        static func missingKey(_ location: SourceLocation, _ key: String) -> Localized {
            Localized("\(location): 缺少必填项 \"\(key)\"", "\(location): missing required key \"\(key)\"")
        }
        static func wrongType(_ location: SourceLocation, _ key: String, found: String, expected: String)
            -> Localized
        {
            Localized(
                "\(location): \(key) 应为\(expected)，实际是\(found)",
                "\(location): \(key): expected \(expected), found \(found)")
        }
        static func invalidValue(_ location: SourceLocation, _ key: String, _ value: String, expected: String)
            -> Localized
        {
            Localized(
                "\(location): \(key) = \(value) 不可用，应为\(expected)",
                "\(location): \(key) = \(value): expected \(expected)")
        }
    }

    /// What a value should have been, as the end of "expected …" / "应为……".
    public enum Expect {
        static let string = Localized("文字（加英文双引号）", "a string")
        static let integer = Localized("整数", "an integer")
        static let boolean = Localized("true 或 false", "true or false")
        static let float = Localized("小数", "a floating-point number")
        static let dateTime = Localized("日期和时间", "a date-time")
        static let time = Localized("时间", "a time")
        static let array = Localized("列表", "an array")
        static let table = Localized("一个表（[名称] 开头的一节）", "a table")
        static let date = Localized("日期（YYYY-MM-DD，不加引号）", "a date (YYYY-MM-DD, unquoted)")
        static let strings = Localized("文字列表", "an array of strings")
        static let dates = Localized("日期列表（YYYY-MM-DD，不加引号）", "an array of dates (YYYY-MM-DD, unquoted)")
        static func tables(_ key: String) -> Localized {
            Localized("若干个 [[\(key)]] 表", "an array of tables ([[\(key)]])")
        }
        static let arrayOfTables = Localized("若干个表", "an array of tables")
        static let instant = Localized(
            "日期或日期时间，不加引号（2026-11-20 或 2026-11-20T08:20:00），或 \"2026年11月20日\"",
            "a date or date-time, unquoted (2026-11-20 or 2026-11-20T08:20:00), or \"2026年11月20日\"")
        static let officeDate = Localized(
            "日期（2026-11-30 不加引号，或 \"2026年11月30日\"）", "a date (2026-11-30 unquoted, or \"2026年11月30日\")")
        static let realDate = Localized("真实存在的日期", "a real calendar date")
        static func oneOf(_ allowed: String) -> Localized { Localized("以下之一：\(allowed)", "one of \(allowed)") }
        static func integer(from low: Int, to high: Int) -> Localized {
            Localized("\(low) 到 \(high) 之间的整数", "an integer from \(low) to \(high)")
        }
        static let integerFromOne = Localized("不小于 1 的整数", "an integer from 1")
        static let absolutePath = Localized("绝对路径（以 / 开头）", "an absolute path (starting with /)")
        static let absolutePaths = Localized("绝对路径（都以 / 开头）", "absolute paths (starting with /)")
        static let window = Localized(
            "\"HH:MM-HH:MM\"（如 \"8:20-12:00\"），开始早于结束，在 00:00-24:00 之内",
            "\"HH:MM-HH:MM\" (such as \"8:20-12:00\") with start before end, within 00:00-24:00")
        static let separateWindows = Localized("互不重叠的时段", "windows that do not overlap")
        static let siteName = Localized(
            "大厅名称，1 到 64 个可显示的字符，不能只有空格", "the hall's name, 1 to 64 printable characters, not only spaces")
        static func atMostPanelHeight(_ height: Int) -> Localized {
            Localized(
                "不大于 panel.height（\(height)）：一行字必须放得进屏幕", "at most panel.height (\(height)): a line must fit the panel")
        }
        static let zone = Localized(
            "时区数据库中的时区名，如 \"Asia/Shanghai\"", "a tz database zone name such as \"Asia/Shanghai\"")
        static let relay = Localized("\"none\"、\"dtr\" 或 \"rts\"", "one of \"none\", \"dtr\", \"rts\"")
        static let relayActive = Localized("\"high\" 或 \"low\"", "\"high\" or \"low\"")
        static let group = Localized("用户组名，如 \"lobbyops\"", "a group name such as \"lobbyops\"")
        static let socketMode = Localized(
            "八进制权限，\"0600\" 到 \"0666\"", "octal permission bits from \"0600\" to \"0666\"")
        static let textfile = Localized("\"none\" 或 .prom 文件的绝对路径", "\"none\" or the absolute path of a .prom file")
        static let address = Localized("两位十六进制数，\"00\" 表示所有屏", "two hex digits, \"00\" for every sign")
        static let endpoint = Localized(
            "串口设备的绝对路径（如 \"/dev/ttyUSB0\"）或网口卡的 \"tcp://地址:端口\"（端口 1–65535；IPv6 地址写在 [ ] 中）",
            "a serial device's absolute path (such as \"/dev/ttyUSB0\") or an Ethernet card's \"tcp://HOST:PORT\" (port 1-65535; an IPv6 address in [ ])"
        )
        static let deviceMovedToEndpoint = Localized(
            "不与 [link] endpoint 同时使用：[serial] device 是它的旧名，请只保留 [link] endpoint",
            "not beside [link] endpoint: [serial] device is its old name; keep only [link] endpoint")
        static var onbonModel: Localized {
            let models = OnbonCardModel.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            return Localized(
                "第六代仰邦控制卡型号（印在卡上）：\(models)", "a 6th-generation Onbon card model (printed on the card): \(models)")
        }
        static let onbonFontCard = Localized(
            "第六代图文卡（6E/6Q）：这是字库卡，只能用卡内字库显示文字，而 lobbyd 发送自己排版的点阵画面；请换用 6E/6Q 卡（protocol-docs/onbon-bx.md）",
            "a 6th-generation picture card (6E/6Q): this is a font card, which shows text in its own font only, and lobbyd sends its own rendered pages; use a 6E/6Q card (protocol-docs/onbon-bx.md)"
        )
        static let onbonAddress = Localized(
            "控制卡屏号，1 到 65534 的十进制数（LedshowTW 中所见，出厂为 \"1\"）",
            "the card's screen number, 1 to 65534 in decimal (as LedshowTW shows it; \"1\" from the factory)")
        static let categories = Localized(
            "非空的类别名列表（a-z、0-9 和 -）", "a non-empty list of names of a-z, 0-9 and -")
        static let terms = Localized("非空的词语", "non-empty terms")
        static let domain = Localized("域名，如 \"gov.cn\"、\"gdzwfw.gov.cn\"", "domain names such as \"gov.cn\"")
        static let publicNumber = Localized("电话号码（至少 3 位数字）", "phone numbers (at least 3 digits)")
        static let fallback = Localized(
            "\"blank\" 或已签名的常设通知发布内容单的绝对路径",
            "\"blank\" or the absolute path of a signed standing-notice playlist")
        static let year = Localized("1990 到 2200 之间的年份", "a year from 1990 to 2200")
        static func lastDay(after first: LocalDate) -> Localized {
            Localized(
                "不早于 first（\(first)）且最多晚 31 天的日期", "a date on or after first (\(first)), at most 31 days later")
        }
        static let holidayName = Localized("节日名称，如 \"春节\"", "the holiday's name, such as \"春节\"")
        static func dateNear(_ year: Int) -> Localized {
            Localized("\(year) 年或前后相邻年份的日期", "a date in or next to the file's year \(year)")
        }
        static let ed25519 = Localized("\"ed25519\"", "\"ed25519\"")
        static let base64 = Localized("base64 文本", "base64 text")
        static let privateKey = Localized("base64 编码的 Ed25519 私钥（32 字节）", "a base64 Ed25519 private key (32 bytes)")
        static let publicKey = Localized("base64 编码的 Ed25519 公钥（32 字节）", "a base64 Ed25519 public key (32 bytes)")
        static let playlistID = Localized(
            "1 到 64 个 a-z、0-9 和 - 组成的编号，如 \"hall-news-2026-11\"",
            "1 to 64 of a-z, 0-9 and -, such as \"hall-news-2026-11\"")
        static let colour = Localized("\"red\"（红）、\"green\"（绿）或 \"amber\"（黄）", "\"red\", \"green\" or \"amber\"")
    }
}

extension Messages.Expect {
    static func dateNotListed(line: Int, name: String) -> Localized {
        Localized(
            "未重复列出的日期（第 \(line) 行已列出，\(name)）", "a date not already listed (it is listed at line \(line), \(name))")
    }
    static func notHolidayAndMakeup(line: Int) -> Localized {
        Localized(
            "不能同时是节假日和调休上班日的日期（见第 \(line) 行）",
            "a date that is not both a holiday and a make-up workday (see line \(line))")
    }
}

extension Messages {
    /// What the system said, in words for people: the common `errno` values and the few
    /// conditions lobbyd checks itself. Anything else is the C library's own text.
    public enum System {
        public static func error(_ code: Int32) -> Localized {
            switch code {
            case ENOENT: Localized("文件或目录不存在", "no such file or directory")
            case EACCES, EPERM: Localized("权限不足", "permission denied")
            case ENOSPC: Localized("磁盘已满", "no space left on the disk")
            case EROFS: Localized("文件系统只读", "read-only file system")
            case EISDIR: Localized("这是一个目录", "is a directory")
            case ENOTDIR: Localized("路径中有一项不是目录", "a part of the path is not a directory")
            case EEXIST: Localized("已存在", "already exists")
            case EIO: Localized("输入输出错误（设备或磁盘故障）", "input/output error (device or disk fault)")
            case EBUSY: Localized("设备正被占用", "device busy")
            default: Localized(String(cString: strerror(code)), String(cString: strerror(code)))
            }
        }
        static let notADirectory = Localized("不是目录", "not a directory")
        static let cannotList = Localized("无法列出目录内容", "cannot list the directory")
        static let symbolicLink = Localized("这是一个符号链接，此处不跟随", "it is a symbolic link, which is not followed here")
        static func notRegular(_ kind: String) -> Localized {
            Localized("这是\(kind)，不是普通文件", "it is \(kind), not a regular file")
        }
        static func tooLarge(_ size: Int, _ limit: Int) -> Localized {
            Localized("文件有 \(size) 字节，最多读取 \(limit) 字节", "the file is \(size) bytes; at most \(limit) are read")
        }
        static let directory = Localized("一个目录", "a directory")
        static let fifo = Localized("一个命名管道（FIFO）", "a named pipe (FIFO)")
        static let socket = Localized("一个套接字", "a socket")
        static let device = Localized("一个设备", "a device")
        static let link = Localized("一个符号链接", "a symbolic link")
        static let special = Localized("一个特殊文件", "a special file")
        static let notUTF8 = Localized("不是 UTF-8 文本", "not valid UTF-8 text")
    }
}
