import LobbyCore

/// Every word the monthly report prints, in the hall's language (`[site] language`): Simplified
/// Chinese first, English second. Machine-readable values (CSV's `section` keys, cause keys in
/// `--json` output elsewhere) stay English identifiers.
struct ReportWords: Sendable {
    var title: @Sendable (_ site: String, _ year: Int, _ month: Int) -> String
    var generated: String
    var asOf: String
    var zone: String
    var sections: [String]
    var dayColumns: [String]
    var notInService: String
    var future: String
    var workday: String
    var offday: String
    var reasons: @Sendable (CalendarDay.Reason) -> String
    var causes: @Sendable (OutageCause) -> String
    var summary: @Sendable (_ required: String, _ shown: String, _ coverage: String, _ outage: String) -> String
    var missingChecks: @Sendable (Int) -> String
    var missing: String
    /// Problems of a refused file beyond those the log kept.
    var more: @Sendable (Int) -> String
    var none: String
    var minutes: String
    var inferredRules: String
    /// Rules applied from a time of day on (a reload that changed the windows).
    var from: @Sendable (String) -> String
    var currentRules: String
    var publicationFields: [String]
    var emergency: String
    var rejectionColumns: [String]
    var lastUpdate: String
    var longestGap: @Sendable (_ days: String, _ from: String, _ to: String) -> String
    var overLimit: String
    var entryColumns: [String]
    /// The CSV column of a day's maintenance, test patterns and overrides.
    var steeringColumn: String
    /// An entry's event kind (`config_reloaded`, …) named for people.
    var kind: @Sendable (String) -> String
    var shownColumns: [String]
    var category: String
    var playlist: String
    var integrityIntact: @Sendable (_ rows: Int, _ first: Int64, _ last: Int64, _ hash: String) -> String
    var integrityBroken: @Sendable (_ row: Int64, _ reason: String) -> String
    /// The anchors contradict the log; the problems as `verify-log` words them.
    var integrityAnchors: @Sendable (String) -> String
    /// A chain break's reason, as `EventLog.verify` gives it, in these words.
    var breakReason: @Sendable (String) -> String
    var integrityEmpty: String
    var integrityHow: String
    var signOff: [String]
    var legend: [String]
    var total: String
    var forcedOn: String
    var forcedOff: String
    var cleared: String
    var page: String
    /// Punctuation between the report's words: full-width in Chinese, ASCII in English.
    var comma: String
    var semicolon: String
    var colon: String
    var open: String
    var close: String
    /// The line to sign on.
    var blank: String

    static func of(_ language: Language) -> ReportWords {
        language == .english ? english : chinese
    }

    static let chinese = ReportWords(
        title: { "\($0)LED显示屏运行情况月报（\($1)年\($2)月）" }, generated: "生成时间", asOf: "截至", zone: "时区",
        sections: [
            "一、运行概况", "二、逐日运行情况", "三、本月发布内容及审核记录", "四、退回的发布内容单", "五、内容更新情况", "六、紧急通知",
            "七、维护、测试与人工干预", "八、日常管护记录", "九、拒绝的控制命令、配置与密钥变更", "十、各类内容显示时长", "十一、事件日志完整性", "签字",
        ],
        dayColumns: ["日期", "日期类别", "作息时段", "时间轴", "应开屏（分钟）", "实际显示（分钟）", "显示率", "未显示时段及原因", "日常管护"],
        notInService: "未投入使用", future: "—", workday: "工作日", offday: "休息日",
        reasons: { reason in
            switch reason {
            case .weekday: "工作日"
            case .weekend: "周末"
            case .holiday(let name): "法定节假日：\(name)"
            case .makeup(let name): "调休上班：\(name)"
            }
        },
        causes: { cause in
            switch cause {
            case .notRunning: "未运行"
            case .maintenance: "维护"
            case .manualOff: "人工关屏"
            case .linkDown: "通信中断"
            case .signReset: "控制卡复位"
            case .signRefused: "控制卡拒收"
            case .noContent: "无可播内容"
            }
        },
        summary: { "应开屏 \($0) 分钟，实际显示 \($1) 分钟，显示率 \($2)；未显示 \($3) 分钟，原因如下：" },
        missingChecks: { "日常管护未记录的工作日：\($0) 天。" }, missing: "未记录", more: { "；另有 \($0) 条" }, none: "无",
        minutes: "分钟",
        inferredRules: "（推算：当日未运行）", from: { "（\($0)起）" }, currentRules: "（推算：按现行日历）",
        publicationFields: ["受理时间", "发布内容单", "标题", "有效期", "拟稿", "审核（保密审核）", "审批（保密批准）", "文号", "排版发布", "内容"],
        emergency: "紧急", rejectionColumns: ["时间", "文件", "问题数", "原因"], lastUpdate: "最近一次更新",
        longestGap: { "最长未更新间隔 \($0) 天（\($1) 至 \($2)）" }, overLimit: "超过14天，按巡查要求应予说明",
        entryColumns: ["时间", "类别", "操作人", "内容"], steeringColumn: "维护、测试与人工干预",
        kind: { kind in
            switch EventKind(rawValue: kind) {
            case .controlRefused?: "拒绝的控制命令"
            case .configReloaded?: "配置重新加载"
            case .playlistWithdrawn?: "发布内容单撤下"
            case .logTampered?: "日志篡改告警"
            case .emergencySubmitted?: "提交紧急通知"
            case .emergencyCleared?: "撤下紧急通知"
            case .keyAdded?: "新增签名密钥"
            case .keyRevoked?: "吊销签名密钥"
            case .keyExpired?: "签名密钥到期"
            default: kind
            }
        }, shownColumns: ["名称", "显示时长（分钟）"],
        category: "内容类别",
        playlist: "发布内容单",
        integrityIntact: { "校验通过：自第 \($1) 行起共 \($0) 行，哈希链完整（本月全部记录在内）；截至本月末的最后一行为第 \($2) 行，哈希 \($3)。" },
        integrityBroken: { "校验未通过：第 \($0) 行\($1)。本报告的数字不可信，请联系技术人员。" },
        integrityAnchors: { "校验未通过：日志与其锚点文件不符（有记录被删除、改写或伪造）：\($0)。本报告的数字不可信，请联系技术人员。" },
        breakReason: { reason in
            switch reason {
            case EventLog.Verification.notFollowing: "与上一行不衔接（有行被删除或插入）"
            case EventLog.Verification.edited: "内容与其哈希不符（该行被改写）"
            default: reason
            }
        },
        integrityEmpty: "本月及以前没有事件记录。",
        integrityHow: "可用 lobbyctl verify-log 复核数据库，用 lobbyctl events 查看该行。",
        signOff: ["制表人：", "审核人：", "日期："],
        legend: ["应开屏", "实际显示", "未显示", "维护/测试"], total: "合计", forcedOn: "强制开屏", forcedOff: "强制关屏",
        cleared: "撤销人工干预", page: "页", comma: "，", semicolon: "；", colon: "：", open: "（", close: "）",
        blank: "＿＿＿＿＿＿＿＿")

    static let english = ReportWords(
        title: {
            let months = [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December",
            ]
            return "\($0) LED screen: monthly operation report (\(months[$2 - 1]) \($1))"
        }, generated: "Generated", asOf: "as of", zone: "Time zone",
        sections: [
            "1. Summary", "2. Day by day", "3. Content published and its approvals", "4. Playlists refused",
            "5. Content freshness", "6. Emergency notices", "7. Maintenance, tests and overrides", "8. Daily upkeep",
            "9. Refused commands, configuration and key changes", "10. Minutes shown per category and playlist",
            "11. Event log integrity", "Sign-off",
        ],
        dayColumns: [
            "Date", "Day", "Windows", "Timeline", "Required (min)", "Shown (min)", "Coverage", "Not shown and why",
            "Daily upkeep",
        ],
        notInService: "not in service", future: "—", workday: "workday", offday: "off-day",
        reasons: { reason in
            switch reason {
            case .weekday: "workday"
            case .weekend: "weekend"
            case .holiday(let name): "public holiday: \(name)"
            case .makeup(let name): "make-up workday: \(name)"
            }
        },
        causes: { cause in
            switch cause {
            case .notRunning: "lobbyd not running"
            case .maintenance: "maintenance"
            case .manualOff: "forced off"
            case .linkDown: "link down"
            case .signReset: "sign reset"
            case .signRefused: "sign refused content"
            case .noContent: "no valid content"
            }
        },
        summary: { "Required \($0) min, shown \($1) min, coverage \($2); not shown \($3) min, by cause:" },
        missingChecks: { "Workdays without a daily upkeep record: \($0)." }, missing: "missing",
        more: { "; \($0) more" }, none: "none",
        minutes: "min", inferredRules: "(lobbyd did not run; windows from the last record before)",
        from: { " (from \($0))" },
        currentRules: "(inferred from the calendar read now)",
        publicationFields: [
            "Accepted", "Playlist", "Title", "Valid", "Drafted", "Reviewed (confidentiality)",
            "Approved (confidentiality)",
            "Document", "Published by", "Items",
        ],
        emergency: "emergency", rejectionColumns: ["Time", "File", "Problems", "Reasons"], lastUpdate: "Last update",
        longestGap: { "longest gap without an update \($0) days (\($1) to \($2))" },
        overLimit: "over 14 days: the inspection rule asks for an explanation",
        entryColumns: ["Time", "Kind", "Who", "What"], steeringColumn: "Maintenance, tests and overrides",
        kind: { $0.replacingOccurrences(of: "_", with: " ") },
        shownColumns: ["Name", "Shown (min)"], category: "category",
        playlist: "playlist",
        integrityIntact: {
            "Intact: \($0) rows from row \($1) on chain correctly (all of the month's among them); the last row before the month's end is row \($2), its hash \($3)."
        },
        integrityBroken: {
            "Broken at row \($0): \($1). The figures of this report cannot be trusted; call the technician."
        },
        integrityAnchors: {
            "Broken: the log contradicts its anchor file (rows deleted, rewritten or forged): \($0). The figures of this report cannot be trusted; call the technician."
        },
        breakReason: { $0 }, integrityEmpty: "No event up to the end of the month.",
        integrityHow: "`lobbyctl verify-log` checks the database again; `lobbyctl events` shows the row.",
        signOff: ["Prepared by:", "Checked by:", "Date:"],
        legend: ["required", "shown", "not shown", "maintenance/test"], total: "Total", forcedOn: "forced on",
        forcedOff: "forced off", cleared: "overrides cleared", page: "page", comma: ", ", semicolon: "; ",
        colon: ": ", open: " (", close: ")", blank: " ________________")
}
