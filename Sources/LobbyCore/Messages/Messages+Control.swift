/// What the operator reads about requests on the control socket (`lobbyctl`'s refusals come
/// from here) and about the screen's state.
extension Messages {
    public enum Request {
        static func missingCommand(_ commands: String) -> Localized {
            Localized("缺少 \"command\"：可用命令为 \(commands)", "missing \"command\": one of \(commands)")
        }
        static func unknownKind(_ name: String) -> Localized {
            Localized("\"kinds\"：没有 \"\(name)\" 这种事件", "\"kinds\": unknown event kind \"\(name)\"")
        }
        static let state = Localized(
            "\"state\" 须为 \"on\"（开屏）、\"off\"（关屏）或 \"clear\"（取消）", "\"state\" must be \"on\", \"off\" or \"clear\"")
        static let action = Localized(
            "\"action\" 须为 \"start\"（开始）或 \"end\"（结束）", "\"action\" must be \"start\" or \"end\"")
        static let emergencyAction = Localized(
            "\"action\" 须为 \"show\"（发布紧急通知）或 \"clear\"（撤下紧急通知）", "\"action\" must be \"show\" or \"clear\"")
        static func spoolName(_ name: String) -> Localized {
            Localized(
                "文件名 \"\(name)\" 须为 名称.toml（不含目录，不以 . 开头，至多 100 个字）",
                "the name \"\(name)\" must be NAME.toml (no directory, not starting with a dot, 100 characters at most)"
            )
        }
        static func missingPattern(_ names: String) -> Localized {
            Localized("缺少 \"pattern\"：可用测试图案为 \(names)", "missing \"pattern\": one of \(names)")
        }
        static func unknownCommand(_ command: String, _ commands: String) -> Localized {
            Localized("没有 \"\(command)\" 这个命令：可用命令为 \(commands)", "unknown command \"\(command)\": one of \(commands)")
        }
        static func unknownFields(_ fields: String) -> Localized {
            Localized("不认识的项 \(fields)", "unknown field(s) \(fields)")
        }
        static func notString(_ key: String) -> Localized {
            Localized("\"\(key)\" 须为文字", "\"\(key)\" must be a string")
        }
        static func required(_ key: String) -> Localized {
            Localized("缺少 \"\(key)\"：此项必填，并记入事件日志", "missing \"\(key)\": it is required and goes into the event log")
        }
        static let notUTF8 = Localized(
            "请求须为 UTF-8 编码的一行 JSON（不含 NUL 字节）", "a request is one line of JSON in UTF-8 (with no NUL bytes)")
        static func duplicateField(_ key: String) -> Localized {
            Localized("\"\(key)\" 出现了两次：每个字段只能写一次", "\"\(key)\" is given twice: each field may appear once")
        }
        static func unknownLanguage(_ name: String) -> Localized {
            Localized("\"lang\" 须为 \"zh\" 或 \"en\"，不是 \(name)", "\"lang\" must be \"zh\" or \"en\", not \(name)")
        }
        static func controlCharacters(_ key: String) -> Localized {
            Localized(
                "\"\(key)\" 含有控制字符或文字方向控制符（换行、ESC、U+202E 等）：请写成一行普通文字",
                "\"\(key)\" contains control or text-direction characters (line breaks, ESC, U+202E…): write it as one line of plain text"
            )
        }
        static func tooLong(_ key: String) -> Localized {
            Localized("\"\(key)\" 超过 500 个字", "\"\(key)\" is longer than 500 characters")
        }
        static func notStrings(_ key: String) -> Localized {
            Localized("\"\(key)\" 须为文字列表", "\"\(key)\" must be a list of strings")
        }
        static func wholeNumber(_ key: String, _ low: Int, _ high: Int) -> Localized {
            Localized(
                "\"\(key)\" 须为 \(low) 到 \(high) 之间的整数", "\"\(key)\" must be a whole number from \(low) to \(high)")
        }
        static func notInstant(_ key: String, _ text: String) -> Localized {
            Localized(
                "\"\(key)\"：\"\(text)\" 不是带时区的日期时间，应如 \"2026-11-25T17:30:00+08:00\"",
                "\"\(key)\": \"\(text)\" is not a date and time with offset, such as \"2026-11-25T17:30:00+08:00\"")
        }
        static func unknownPattern(_ key: String, _ name: String, _ names: String) -> Localized {
            Localized(
                "\"\(key)\"：没有 \"\(name)\" 这种测试图案，可用：\(names)",
                "\"\(key)\": unknown pattern \"\(name)\": one of \(names)")
        }
        static func tooLongRequest(_ bytes: Int) -> Localized {
            Localized("请求超过 \(bytes) 字节", "request longer than \(bytes) bytes")
        }
        static let oneObject = Localized(
            "每个请求是一个 JSON 对象，如 {\"command\":\"status\"}",
            "a request is one JSON object, such as {\"command\":\"status\"}")
        static let notJSON = Localized(
            "不是 JSON：每行一个 JSON 对象，如 {\"command\":\"status\"}",
            "not JSON: a request is one JSON object per line, such as {\"command\":\"status\"}")
    }

    /// Why the screen is lit or dark, as `status` and the event log say it.
    public enum Screen {
        static func window(_ window: PlaybackWindow, workday: Bool) -> Localized {
            Localized(
                "\(workday ? "工作日" : "休息日")开放时段 \(window)", "\(workday ? "workday" : "off-day") window \(window)")
        }
        static let outsideWindows = Localized("工作日，不在开放时段内", "workday, outside opening windows")
        static let emergencyOutsideWindows = Localized(
            "开放时段外显示紧急通知（[emergency] outside_windows）",
            "an emergency notice outside the opening windows ([emergency] outside_windows)")
        static func offDay(_ reason: Localized) -> Localized {
            Localized("休息日（\(reason.chinese)）", "off-day (\(reason.english))")
        }
        static func override(by actor: String, _ reason: String) -> Localized {
            Localized("\(actor) 人工控制：\(reason)", "override by \(actor): \(reason)")
        }
        static func maintenance(by actor: String, _ note: String) -> Localized {
            Localized("\(actor) 维护中：\(note)", "maintenance by \(actor): \(note)")
        }
        static func testPattern(_ pattern: String, by actor: String) -> Localized {
            Localized("\(actor) 显示测试图案 \(pattern)", "test pattern \(pattern) by \(actor)")
        }
    }

    /// A day of the statutory calendar.
    public enum Calendar {
        public static func reason(_ reason: CalendarDay.Reason) -> Localized {
            switch reason {
            case .weekday: Localized("工作日", "weekday")
            case .weekend: Localized("周末", "weekend")
            case .holiday(let name): Localized("法定节假日：\(name)", "public holiday: \(name)")
            case .makeup(let name): Localized("调休上班：\(name)", "make-up workday: \(name)")
            }
        }
        public static func kind(workday: Bool) -> Localized {
            workday ? Localized("上班", "workday") : Localized("休息", "off-day")
        }
        static func yearNotCovered(_ year: Int) -> Localized {
            Localized(
                "没有 \(year) 年的法定节假日安排：暂按周一至周五上班处理；"
                    + "请把 cn-\(year).toml 放入 [calendar] directories 中的目录（通常是 /etc/lobbyd/calendar.d，"
                    + "做法见 lobbyd 文档目录中的 calendar/README.md）",
                "no statutory calendar for \(year): assuming Monday-Friday workdays; "
                    + "add cn-\(year).toml to a directory of [calendar] directories (usually /etc/lobbyd/calendar.d; "
                    + "calendar/README.md in lobbyd's documentation says how)")
        }
        static func nextYearNotCovered(_ year: Int) -> Localized {
            Localized(
                "还没有 \(year) 年的法定节假日安排：国务院办公厅公布后，请把 cn-\(year).toml 放入 "
                    + "[calendar] directories 中的目录（通常是 /etc/lobbyd/calendar.d）",
                "no statutory calendar for \(year) yet: add cn-\(year).toml to a directory of [calendar] directories "
                    + "(usually /etc/lobbyd/calendar.d) once the State Council publishes the \(year) holiday arrangement"
            )
        }
    }
}
