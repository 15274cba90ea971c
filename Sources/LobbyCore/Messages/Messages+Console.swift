/// What `lobbyctl` prints for the operator, the content office and the technician.
extension Messages {
    public enum Console {
        public static func badLanguage(_ value: String) -> Localized {
            Localized("--lang \(value)：应为 zh-CN 或 en", "--lang \(value): expected zh-CN or en")
        }
        public static func failed(_ what: Localized, _ error: String) -> Localized {
            Localized("\(what.chinese)失败：\(error)", "\(what.english) failed: \(error)")
        }
        public static func expectedOneOf(_ option: String, _ value: String, _ allowed: String) -> Localized {
            Localized("\(option) \(value)：应为以下之一：\(allowed)", "\(option) \(value): expected one of \(allowed)")
        }
        public static func outOfRange(_ option: String, _ value: Int, _ low: Int, _ high: Int) -> Localized {
            Localized("\(option) \(value)：应在 \(low) 到 \(high) 之间", "\(option) \(value): expected \(low) to \(high)")
        }
        public static func expectedInstant(_ option: String, _ value: String) -> Localized {
            Localized(
                "\(option) \(value)：应为 YYYY-MM-DD（或 2026年11月30日）或 YYYY-MM-DDTHH:MM[:SS][+08:00]",
                "\(option) \(value): expected YYYY-MM-DD (or \"2026年11月30日\") or YYYY-MM-DDTHH:MM[:SS][+08:00]")
        }
        public static func expectedUntil(_ value: String) -> Localized {
            Localized(
                "--until \(value)：应为 HH:MM 或 YYYY-MM-DDTHH:MM[:SS][+08:00]",
                "--until \(value): expected HH:MM or YYYY-MM-DDTHH:MM[:SS][+08:00]")
        }
        public static func required(_ option: String) -> Localized {
            Localized("\(option) 必须填写，不能为空", "\(option) is required and may not be blank")
        }
        public static func tooLong(_ option: String) -> Localized {
            Localized("\(option) 超过 500 个字", "\(option) is longer than 500 characters")
        }
        public static func notWith(_ option: String, _ value: String) -> Localized {
            Localized("\(option) 不能与 \(value) 一起用", "\(option) does not go with \(value)")
        }
        public static let configNeedsPath = Localized("--config 需要一个文件路径", "--config needs a file path")
        public static func noConfiguration(_ path: String) -> Localized {
            Localized(
                "找不到 \(path)；使用内置默认设置（见 lobbyd.toml.example）",
                "\(path) not found; using the built-in defaults (see lobbyd.toml.example)")
        }
        public static func directoryMissing(_ directory: String) -> Localized {
            Localized("目录 \(directory) 不存在", "the directory \(directory) does not exist")
        }
        public static func outMissing(_ out: String) -> Localized {
            Localized("--out \(out)：目录不存在", "--out \(out): no such directory")
        }
        public static func cannotWriteIn(_ directory: String) -> Localized {
            Localized("没有在 \(directory) 中写入的权限", "no permission to write in \(directory)")
        }
        public static func cannotWrite(_ path: String, _ reason: String) -> Localized {
            Localized("无法写入 \(path): \(reason)", "cannot write \(path): \(reason)")
        }

        // The control socket.
        public static func noSocket(_ reason: String) -> Localized {
            Localized("无法创建套接字：\(reason)", "cannot create a socket: \(reason)")
        }
        public static func socketPathTooLong(_ path: String) -> Localized {
            Localized("--socket \(path): 路径太长，不能用作 Unix 套接字", "--socket \(path): path too long for a Unix socket")
        }
        public static let askForGroup = Localized(
            "权限不足：请申请加入操作员组（[control] operators_group，通常是 lobbyops）",
            "permission denied: ask for membership of the operators group ([control] operators_group, usually lobbyops)"
        )
        public static let isItRunning = Localized(
            "lobbyd 是否在运行？（systemctl status lobbyd）", "is lobbyd running? (systemctl status lobbyd)")
        public static func cannotConnect(_ path: String, _ hint: String) -> Localized {
            Localized("无法连接 \(path) 上的 lobbyd：\(hint)", "cannot connect to lobbyd at \(path): \(hint)")
        }
        public static func connectionRefused(_ path: String, _ message: String) -> Localized {
            Localized("\(path) 上的 lobbyd 拒绝了连接：\(message)", "lobbyd at \(path) refused the connection: \(message)")
        }
        public static func notLobbyd(_ path: String) -> Localized {
            Localized("\(path) 上的程序不是 lobbyd", "\(path) did not greet like lobbyd")
        }
        public static func protocolMismatch(_ release: String, _ theirs: Int, _ ours: Int) -> Localized {
            Localized(
                "lobbyd \(release) 使用控制协议 \(theirs)，本 lobbyctl 使用 \(ours)；部分信息可能缺失",
                "lobbyd \(release) speaks control protocol \(theirs), this lobbyctl \(ours); some fields may be missing"
            )
        }
        public static let closed = Localized("lobbyd 关闭了连接", "lobbyd closed the connection")
        public static func noAnswer(_ path: String, seconds: Int) -> Localized {
            Localized(
                "\(path) 上的程序接受了连接，但 \(seconds) 秒内没有应答：lobbyd 可能已卡住（查看 journalctl -u lobbyd）",
                "the program at \(path) accepted the connection but did not answer within \(seconds) s: lobbyd may be stuck (see journalctl -u lobbyd)"
            )
        }
        public static func lost(_ path: String) -> Localized {
            Localized("与 \(path) 上的 lobbyd 的连接中断", "lost the connection to lobbyd at \(path)")
        }
        public static func reading(_ reason: String) -> Localized {
            Localized("读取 lobbyd 的回复出错：\(reason)", "reading from lobbyd: \(reason)")
        }
        public static let refused = Localized("被拒绝", "refused")
        public static func daemonSays(_ message: String) -> Localized {
            Localized("lobbyd: \(message)", "lobbyd: \(message)")
        }

        // status and watch.
        public static let labelTime = Localized("现在", "now")
        public static let labelScreen = Localized("屏幕", "screen")
        public static let labelShowing = Localized("显示内容", "showing")
        public static let labelLink = Localized("通信", "link")
        public static let labelUpload = Localized("上传", "upload")
        public static let labelOverride = Localized("人工控制", "override")
        public static let labelMaintenance = Localized("维护", "maintenance")
        public static let labelTestPattern = Localized("测试图案", "test pattern")
        public static let labelDailyCheck = Localized("日常管护", "daily check")
        public static let labelWarnings = Localized("提醒", "warnings")
        public static func hallTime(_ time: String, zone: String) -> Localized {
            Localized("\(time)（大厅时间，\(zone)）", "\(time) (hall time, \(zone))")
        }
        /// The one sentence `status` starts with: lit or dark, why, and what.
        public static func screenSentence(lit: Bool, since: String?, why: String, showing: Localized?) -> Localized {
            let sinceZh = since.map { "自 \($0) 起" } ?? ""
            let sinceEn = since.map { " since \($0)" } ?? ""
            if lit {
                return Localized(
                    "屏幕\(sinceZh)亮着（\(why)），显示 \(showing?.chinese ?? "测试图案")。",
                    "The screen is lit\(sinceEn) (\(why)), showing \(showing?.english ?? "a test pattern").")
            }
            return Localized(
                "屏幕\(sinceZh)关着（\(why)）。", "The screen is dark\(sinceEn) (\(why)).")
        }
        public static let litButEmpty = Localized("开放时段内没有可显示的内容", "nothing valid to show in an opening window")
        public static func nextChange(on: Bool, at: String, in delay: String) -> Localized {
            Localized(
                "下次\(on ? "开屏" : "关屏")：\(at)（\(delay)后）", "Next: \(on ? "on" : "off") at \(at) (in \(delay))")
        }
        public static func items(_ items: Int, pages: Int, playlists: String, standing: Bool) -> Localized {
            Localized(
                "\(items) 条内容，\(pages) 页" + (playlists.isEmpty ? "" : "：\(playlists)") + (standing ? "（常设通知）" : ""),
                "\(items) item(s), \(pages) page(s)" + (playlists.isEmpty ? "" : ": \(playlists)")
                    + (standing ? " (standing notice)" : ""))
        }
        public static let nothing = Localized("无", "nothing")
        public static func link(_ state: String, ready: Bool, since: String, device: String) -> Localized {
            Localized(
                "\(ready ? "正常" : state)，自 \(since) 起，\(device)", "\(state) since \(since) on \(device)")
        }
        public static func retries(_ count: Int) -> Localized {
            Localized("，已重试 \(count) 次", ", \(count) retries")
        }
        public static func lastUpload(_ time: String) -> Localized {
            Localized("，最近一次上传 \(time)", ", last upload \(time)")
        }
        public static func override(on: Bool, until: String, by actor: String, _ reason: String) -> Localized {
            Localized(
                "\(on ? "开屏" : "关屏")至 \(until)，\(actor)：\(reason)",
                "\(on ? "on" : "off") until \(until) by \(actor): \(reason)")
        }
        public static func maintenance(since: String, by actor: String, _ note: String, pattern: String?) -> Localized {
            Localized(
                "自 \(since) 起，\(actor)：\(note)" + (pattern.map { "，显示 \($0)" } ?? ""),
                "since \(since) by \(actor): \(note)" + (pattern.map { ", showing \($0)" } ?? ""))
        }
        public static func testPattern(_ pattern: String, until: String, by actor: String) -> Localized {
            Localized("\(pattern) 至 \(until)，\(actor)", "\(pattern) until \(until) by \(actor)")
        }
        public static func checkDone(_ text: String) -> Localized { Localized("已完成：\(text)", "done \(text)") }
        public static let checkMissing = Localized("今天尚未记录", "not recorded today")
        public static let none = Localized("无", "none")
        public static func progress(_ bar: String, sent: Int, total: Int, left: String?) -> Localized {
            Localized(
                "\(bar) \(sent)/\(total) 字节" + (left.map { "，约剩 \($0)" } ?? ""),
                "\(bar) \(sent)/\(total) bytes" + (left.map { ", about \($0) left" } ?? ""))
        }
        public static let uploading = Localized("正在上传", "uploading")
        public static func duration(days: Int, hours: Int, minutes: Int, seconds: Int) -> Localized {
            if days > 0 { return Localized("\(days) 天 \(hours) 小时", "\(days)d \(hours)h") }
            if hours > 0 { return Localized("\(hours) 小时 \(minutes) 分", "\(hours)h \(minutes)m") }
            if minutes > 0 { return Localized("\(minutes) 分钟", "\(minutes)m") }
            return Localized("\(seconds) 秒", "\(seconds)s")
        }

        // playlists.
        public static let active = Localized("正在使用的发布内容单：", "active:")
        public static func activeLine(_ id: String, _ version: Int, items: Int, accepted: String, _ title: String)
            -> Localized
        {
            Localized(
                "\(id) 第 \(version) 版，\(items) 条，\(accepted) 通过校验，\(title)",
                "\(id) v\(version)  \(items) item(s)  accepted \(accepted)  \(title)")
        }
        /// `拟稿 李明 2026-11-16 → 审核 王芳 2026-11-17 → …`.
        public static func approvalLine(_ approvals: [PlaylistsReply.Active.Approval]) -> Localized {
            func steps(_ word: (String) -> String) -> String {
                approvals.map { "\(word($0.role)) \($0.person) \($0.date)" }.joined(separator: " → ")
            }
            return Localized(
                steps { ApprovalRole(rawValue: $0)?.word ?? $0 }, steps { $0 })
        }
        public static func waitingHeader(_ count: Int) -> Localized {
            Localized("incoming/ 中等待处理的文件：\(count) 个", "waiting in incoming/: \(count)")
        }
        public static func waiting(_ partner: PlaylistsReply.Waiting.Partner, seconds: Int?) -> Localized {
            let left = seconds ?? 0
            switch partner {
            case .signature:
                return Localized(
                    "等待签名文件（.sig），还会等 \(left) 秒，之后按没有签名退回",
                    "waits for its signature (.sig) \(left) s more, then is rejected as unsigned")
            case .playlist:
                return Localized(
                    "签名文件等待它的发布内容单，还会等 \(left) 秒，之后退回",
                    "a signature waiting for its playlist \(left) s more, then rejected")
            case .none:
                return Localized("正在校验", "being validated")
            }
        }
        public static func acceptedFiles(_ count: Int) -> Localized {
            Localized("已通过校验的文件：\(count) 个", "accepted files: \(count)")
        }
        public static func rejectedNewest(_ count: Int) -> Localized {
            Localized("退回的发布内容单（最近 \(count) 个）：", "rejected (newest \(count)):")
        }

        // calendar, schedule, events.
        public static func calendarRange(_ from: String, _ to: String) -> Localized {
            Localized(
                "--from \(from) --to \(to)：应为两个 YYYY-MM-DD 格式的日期，且 from 不晚于 to",
                "--from \(from) --to \(to): expected two dates YYYY-MM-DD, from <= to")
        }
        public static func calendarMissing(_ year: Int) -> Localized {
            Localized(
                "没有 \(year) 年的法定节假日安排；暂按周一至周五上班处理。国务院办公厅公布后，请把 cn-\(year).toml 放入 /etc/lobbyd/calendar.d。",
                "no statutory calendar for \(year); assumed Monday–Friday workdays. "
                    + "Add cn-\(year).toml to /etc/lobbyd/calendar.d when the State Council publishes it.")
        }
        public static func transition(on: Bool) -> Localized {
            on ? Localized("开屏", "on") : Localized("关屏", "off")
        }
        public static func unknownKind(_ kind: String, _ kinds: String) -> Localized {
            Localized("--kind \(kind)：应为以下之一：\(kinds)", "--kind \(kind): expected one of \(kinds)")
        }
        public static func eventsViaDaemon(since recent: Bool) -> Localized {
            Localized(
                "事件日志文件只有 lobbyd 和 root 能读；以下事件由运行中的 lobbyd 提供" + (recent ? "（最近 24 小时）" : ""),
                "the event log file is lobbyd's and root's; these events come from the running lobbyd"
                    + (recent ? " (the last 24 hours)" : ""))
        }
        public static func logNotReadable(_ path: String) -> Localized {
            Localized(
                "没有读取 \(path) 的权限：事件日志只有 lobbyd 和 root 能读（值班人员用 lobbyctl events 经 lobbyd 查看事件；月报每月由定时任务写入 reports/）",
                "no permission to read \(path): the event log is lobbyd's and root's (operators see events with lobbyctl events, through lobbyd; the monthly timer writes the reports into reports/)"
            )
        }
        public static func noLog(_ path: String) -> Localized {
            Localized("\(path): 此处没有事件日志", "\(path): there is no event log there")
        }
        public static func notALog(_ path: String) -> Localized {
            Localized("\(path): 不是事件日志（不是 SQLite 数据库）", "\(path): is not an event log (not an SQLite database)")
        }

        // verify-log.
        public static func damaged(_ path: String, _ error: String) -> Localized {
            Localized(
                "\(path) 无法读到结尾，数据库已损坏：\(error)。docs/INSTALL.md 第 9 节说明如何找回可读的部分。",
                "\(path): cannot be read to the end, the database is damaged: \(error). docs/INSTALL.md, section 9, says how to recover what can be read."
            )
        }
        public static func noAnchors(_ path: String) -> Localized {
            Localized("没有锚点（\(path) 不存在：无法核对日志末尾）", "no anchors (\(path) is missing: the tail cannot be checked)")
        }
        public static func moreProblems(_ count: Int) -> Localized {
            Localized("……另有 \(count) 处（--json 列出全部）", "… and \(count) more (--json lists them all)")
        }
        public static func anchorsChecked(_ count: Int, unreadable: Int) -> Localized {
            Localized(
                "已核对 \(count) 个锚点" + (unreadable > 0 ? "，跳过 \(unreadable) 行无法读取的内容" : ""),
                "\(count) anchors checked" + (unreadable > 0 ? ", \(unreadable) unreadable line(s) skipped" : ""))
        }
        public static func intact(_ path: String, rows: Int, anchors: String) -> Localized {
            Localized("\(path): \(rows) 条事件，链条完整；\(anchors)", "\(path): \(rows) events, chain intact; \(anchors)")
        }
        public static func contradictsAnchors(_ path: String, rows: Int, anchors: String) -> Localized {
            Localized(
                "\(path): \(rows) 条事件，链条完整，但与锚点不符（\(anchors)）：",
                "\(path): \(rows) events, chain intact, but it contradicts its anchors (\(anchors)):")
        }
        public static func broken(_ path: String, row: Int64, _ reason: String) -> Localized {
            Localized("\(path): 第 \(row) 条事件处断开：\(reason)", "\(path): broken at event \(row): \(reason)")
        }

        // report.
        public static let outOrOutDir = Localized("--out 和 --out-dir 只能给一个", "give --out or --out-dir, not both")
        public static let allNeedsOutDir = Localized(
            "--format all 会写三个文件：请给出 --out-dir", "--format all writes three files: give --out-dir")
        public static func badMonth(_ month: String) -> Localized {
            Localized(
                "--month \(month)：应为 YYYY-MM（如 2026-11）、本月或上月",
                "--month \(month): expected YYYY-MM (2026-11), \"本月\" or \"上月\"")
        }
        public static func futureMonth(_ month: String, today: String) -> Localized {
            Localized(
                "--month \(month)：该月尚未开始（今天是 \(today)，大厅时间）",
                "--month \(month): that month has not begun (today is \(today), hall time)")
        }
        public static let reportUnverified = Localized(
            "事件日志未通过完整性校验；月报的完整性一节已写明。请运行 lobbyctl verify-log。",
            "the event log does not verify; the report says so in its integrity section. Run lobbyctl verify-log.")

        // keys, signing, submitting, previewing.
        public static func keyExists(_ path: String) -> Localized {
            Localized("\(path) 已存在；不覆盖已有的密钥", "\(path) exists; refusing to overwrite a key")
        }
        public static func keyMade(_ id: String, for name: String, _ key: String, _ pub: String) -> Localized {
            Localized(
                "已为 \(name) 生成密钥 \(id)\n  私钥：\(key)（妥善保管，不得外传）\n  公钥：\(pub)（交给技术人员安装）",
                "key \(id) for \(name)\n  private: \(key) (keep it secret)\n  public:  \(pub) (give it to the technician)"
            )
        }
        public static func signed(
            _ file: String, _ role: ApprovalRole, by holder: String, key: String, next: ApprovalRole?
        )
            -> Localized
        {
            let following = next.map { "；下一步：\($0.word)" } ?? "；可以提交（lobbyctl submit）"
            let english = next.map { "; next: \($0.rawValue)" } ?? "; ready to submit (lobbyctl submit)"
            return Localized(
                "\(file): \(holder) 已签\(role.word)（密钥 \(key)）\(following)",
                "\(file): \(role.rawValue) signed by \(holder) (key \(key))\(english)")
        }
        public static func notYourRole(_ role: ApprovalRole) -> Localized {
            Localized("\(role.word) 由 lobbyctl sign 签署", "\(role.rawValue) is signed with lobbyctl sign")
        }
        public static let needsConfidentiality = Localized(
            "请用 --confidentiality 通过 写明保密审核（审核）或保密批准（审批）的结果",
            "state the confidentiality review (review) or approval (approve) with --confidentiality passed")
        public static func whichSection(_ sections: [String]) -> Localized {
            Localized(
                "请用 --section 写明拟稿科室（名册中为：\(sections.joined(separator: "、"))）",
                "name the drafting section with --section (the roster has: \(sections.joined(separator: ", ")))")
        }
        public static func badDate(_ text: String) -> Localized {
            Localized("日期 \"\(text)\" 不是 YYYY-MM-DD", "the date \"\(text)\" is not YYYY-MM-DD")
        }
        public static func sheetOfOther(_ file: String) -> Localized {
            Localized(
                "\(file) 属于另一份内容（文件在之前的签名后被改动过）；请删除它，从拟稿起重新签",
                "\(file) belongs to other content (the file changed after the earlier steps); remove it and sign again "
                    + "from the draft")
        }
        public static func submitted(_ path: String, _ id: String, _ version: Int) -> Localized {
            Localized("\(path): 已提交（\(id) 第 \(version) 版）", "\(path): submitted (\(id) version \(version))")
        }
        public static let writingKeys = Localized("写入密钥", "writing the key pair")
        public static let signing = Localized("签名", "signing")
        public static let submitting = Localized("提交", "submitting")
        public static let previewing = Localized("生成预览", "previewing")
        public static let needsFile = Localized("emergency show 须给出发布内容单文件", "emergency show needs the playlist FILE")
        public static func noEmergencyItem(_ file: String) -> Localized {
            Localized(
                "\(file) 中没有紧急通知（priority = \"emergency\" 的条目）：普通内容请用 lobbyctl submit",
                "\(file) has no emergency item (priority = \"emergency\"): submit ordinary content with lobbyctl submit"
            )
        }
        public static func tooLargeForSocket(_ file: String) -> Localized {
            Localized(
                "\(file) 太大，无法经控制接口发送：请内容发布科室用 lobbyctl submit 提交",
                "\(file) is too large for the control socket: have the content office submit it with lobbyctl submit")
        }
        public static func badKey(name: String, lastDay: LocalDate?, today: LocalDate) -> Localized {
            if TextFolding.folded(name).isEmpty {
                return Localized("--name 为空：请写明密钥持有人的姓名", "--name is empty: give the key holder's name")
            }
            return Localized(
                "--valid-until \(lastDay.map { "\($0)" } ?? "") 已过（今天是 \(today)）：这把密钥一生成就不能用",
                "--valid-until \(lastDay.map { "\($0)" } ?? "") is past (today is \(today)): the key could never sign")
        }
        public static func publicNotPrivate(_ path: String) -> Localized {
            Localized(
                "\(path) 是公钥：签名用你自己的私钥文件（.key）", "\(path) is a public key: sign with your own private key file (.key)")
        }
        public static func keysHeader(_ count: Int) -> Localized {
            Localized("受信任的签名密钥（\(count) 个）：", "trusted signing keys (\(count)):")
        }
        public static func keyRevoked(on date: LocalDate?, _ reason: String) -> Localized {
            Localized(
                "已吊销\(date.map { "（\($0)）" } ?? "")：\(reason)", "revoked\(date.map { " on \($0)" } ?? ""): \(reason)")
        }
        public static func keyValidUntil(_ last: LocalDate, daysLeft: Int) -> Localized {
            if daysLeft < 0 { return Localized("已于 \(last) 到期", "expired after \(last)") }
            if daysLeft <= 30 {
                return Localized(
                    "有效期至 \(last)，还有 \(daysLeft) 天：请换发新密钥",
                    "valid until \(last), \(daysLeft) days left: issue a new key")
            }
            return Localized("有效期至 \(last)", "valid until \(last)")
        }
        public static let keyWithoutEnd = Localized("无到期日", "no last day")
        public static let noRole = Localized("名册中无角色", "no role in the roster")
        public static let rosterKeysMissing = Localized(
            "名册中有、但未安装（不在受信任密钥中）的密钥：", "keys in the roster that are not installed (not trusted):")
        public static func pageLabel(item: Int, page: Int, of pages: Int) -> Localized {
            Localized("第 \(item) 条  第 \(page)/\(pages) 页", "item \(item)  page \(page)/\(pages)")
        }
        public static let reporting = Localized("生成月报", "reporting")
        public static let planning = Localized("估算传输量", "planning")
        public static func verified(_ file: String) -> Localized { Localized("\(file): 校验通过", "\(file): OK") }
        public static func playlistSummary(
            id: String, version: Int, title: String, items: Int, from: String, until: String, chain: Localized
        ) -> Localized {
            Localized(
                "  发布内容单 \(id) 第 \(version) 版「\(title)」，\(items) 条\n  有效期 \(from) 至 \(until)\n  审批签名：\n\(chain.chinese)",
                "  playlist \(id) version \(version) \"\(title)\", \(items) item(s)\n  valid \(from) – \(until)\n  approval sheet:\n\(chain.english)"
            )
        }
        /// The verified chain, one step per line: `    审核  王芳 2026-11-17（保密审核 通过，密钥 …）`.
        public static func chain(_ chain: ApprovalChain) -> Localized {
            func line(_ step: ApprovalChain.Step, chinese: Bool) -> String {
                var details: [String] = []
                if let section = step.section { details.append(section) }
                if let verdict = step.confidentiality {
                    let check =
                        step.role == .review
                        ? (chinese ? "保密审核" : "confidentiality review")
                        : (chinese ? "保密批准" : "confidentiality approval")
                    details.append("\(check) \(verdict)")
                }
                details.append((chinese ? "密钥 " : "key ") + step.keyID)
                let label = chinese ? step.role.word : step.role.rawValue
                return "    \(label)  \(step.signedBy)"
                    + (chinese ? "（\(details.joined(separator: "，"))）" : " (\(details.joined(separator: ", ")))")
            }
            var chinese = chain.steps.map { line($0, chinese: true) }
            var english = chain.steps.map { line($0, chinese: false) }
            if let number = chain.documentNumber {
                chinese.append("    文号  \(number)")
                english.append("    document  \(number)")
            }
            if chain.reposted, let source = chain.source {
                chinese.append("    稿源  \(source)")
                english.append("    source  \(source)")
            }
            if !chain.proofreading.isEmpty {
                let rounds = chain.proofreading.map { "\($0.person) \($0.date)" }
                chinese.append("    三校  \(rounds.joined(separator: "、"))")
                english.append("    proofread  \(rounds.joined(separator: ", "))")
            }
            return Localized(chinese.joined(separator: "\n"), english.joined(separator: "\n"))
        }

        // render.
        public static func removedInvisible(_ code: String, at offset: Int) -> Localized {
            Localized(
                "警告：删除了第 \(offset) 个字符处看不见的字符 \(code)",
                "warning: removed the invisible character \(code) at character \(offset)")
        }
        public static func monoPanel(_ colour: String) -> Localized {
            Localized(
                "--color \(colour)：本屏为单色（只有红色）；[panel] colors = \"tricolor\" 的屏才能显示绿色和黄色",
                "--color \(colour): the panel is mono (red only); [panel] colors = \"tricolor\" shows green and amber")
        }
        public static func noGlyph(_ what: String) -> Localized {
            Localized("警告：\(what)在字体中没有字形，显示为方框", "warning: the font has no glyph for \(what); drawn as a box")
        }
        public static func needsOut(_ format: String) -> Localized {
            Localized("--format \(format) 需要 --out 文件或目录", "--format \(format) needs --out FILE or DIR")
        }

        // plan.
        public static func planTitle(_ title: String, pages: Int, baud: Int, frame: String, bits: Int) -> Localized {
            Localized(
                "\(title)：空白控制卡上 \(pages) 页，\(baud) 波特 \(frame)（每字节 \(bits) 位）",
                "\(title): \(pages) page(s) on a blank sign, \(baud) baud \(frame) (\(bits) bits per byte)")
        }
        public static let planMemory = Localized("内存分配", "memory configuration")
        public static func planPage(_ page: Int) -> Localized { Localized("第 \(page) 页图片", "page \(page) picture") }
        // lobbyctl probe
        public static func badBaud(_ baud: Int) -> Localized {
            let allowed = LobbyCore.Configuration.allowedBauds.map(String.init).joined(separator: ", ")
            return Localized("--baud \(baud) 不可用：应为 \(allowed) 之一", "--baud \(baud) is not one of \(allowed)")
        }
        public static func badEndpoint(_ endpoint: String) -> Localized {
            Localized(
                "\(endpoint)：不是串口设备的绝对路径，也不是 tcp://地址:端口",
                "\(endpoint): neither a serial device's absolute path nor tcp://HOST:PORT")
        }
        public static func probeAnswered(
            _ driver: String, _ endpoint: String, baud: Int, network: Bool, settings: [String]
        ) -> Localized {
            let speed = network ? "" : "，\(baud) 波特"
            let speedEn = network ? "" : " at \(baud) baud"
            let serial = network ? "" : "，[serial] baud = \(baud)"
            let serialEn = network ? "" : ", [serial] baud = \(baud)"
            let more = settings.map { "，\($0)" }.joined()
            let moreEn = settings.map { ", \($0)" }.joined()
            return Localized(
                "\(driver)：应答了（\(endpoint)\(speed)）。配置：[link] endpoint = \"\(endpoint)\"\(serial)，[controller] driver = \"\(driver)\"\(more)",
                "\(driver): answered (\(endpoint)\(speedEn)). Configure [link] endpoint = \"\(endpoint)\"\(serialEn), [controller] driver = \"\(driver)\"\(moreEn)"
            )
        }
        public static func probeSilent(_ driver: String, baud: Int, network: Bool) -> Localized {
            network
                ? Localized("\(driver)：没有应答", "\(driver): no answer")
                : Localized("\(driver)：\(baud) 波特下没有应答", "\(driver): no answer at \(baud) baud")
        }
        public static func probeNobody(_ endpoint: String) -> Localized {
            Localized(
                "\(endpoint) 上没有控制卡应答：请检查接线、电源、波特率（--baud），以及 lobbyd 是否仍占用该端口",
                "no controller answered on \(endpoint): check the cable, the power, the speed (--baud), and whether lobbyd still holds the port"
            )
        }
        public static func planArea(_ pages: Int) -> Localized {
            Localized("动态区（\(pages) 页图片）", "dynamic area (\(pages) page pictures)")
        }
        public static let planTexts = Localized("文字与播放顺序", "texts and run sequence")
        public static let planLink = Localized("探测、清单与时钟", "probes, manifest and clock")
        public static let planTotal = Localized("合计", "total")
        public static func planRow(bytes: String, seconds: String) -> Localized {
            Localized("\(bytes) 字节 \(seconds) 秒", "\(bytes) bytes \(seconds) s")
        }
        public static func planRepeated(_ count: Int) -> Localized {
            Localized(
                "  另有 \(count) 页与已发送的相同，不再重发（按内容寻址）", "  \(count) repeated page(s) not sent again (content-addressed)")
        }

        // ports.
        public static let noPorts = Localized(
            "没有找到串口（USB 转换器插好了吗？`dmesg | tail` 可看内核识别到什么）",
            "no serial ports found (is the USB adapter plugged in? `dmesg | tail` shows what the kernel saw)")
        public static func serialNumber(_ number: String) -> Localized {
            Localized("序列号 \(number)", "serial \(number)")
        }
    }
}
