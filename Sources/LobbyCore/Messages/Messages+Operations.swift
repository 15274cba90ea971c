/// What lobbyd answers the operator on the control socket and writes into the event log for an
/// operator's action, in the hall's language (`[site] language`).
extension Messages {
    public enum Operations {
        public static func notOperator(_ caller: String, group: String) -> Localized {
            Localized(
                "权限不足：\(caller) 不是 root，也不在操作员组 \(group) 中",
                "permission denied: \(caller) is not root or a member of group \(group)")
        }
        public static func refusedEvent(_ caller: String, group: String) -> Localized {
            Localized("\(caller) 不是 root，也不在 \(group) 组中", "\(caller) is not root or in group \(group)")
        }
        public static func dailyCheck(by actor: String, _ note: String) -> Localized {
            Localized("\(actor) 完成日常管护检查：\(note)", "daily check by \(actor): \(note)")
        }
        public static let dailyCheckRecorded = Localized("日常管护检查已记录", "daily check recorded")
        public static func dailyCheckDone(at time: String, by actor: String) -> Localized {
            Localized("\(time)，\(actor)", "\(time) by \(actor)")
        }
        public static func itemsLeftOut(_ count: Int) -> Localized {
            Localized("有 \(count) 条内容未能显示：控制卡放不下更多页面", "\(count) item(s) left out: the sign holds no more pages")
        }
        public static func emergencySubmitted(_ name: String, by actor: String) -> Localized {
            Localized("\(actor) 提交紧急通知 \(name)", "\(actor) submitted the emergency notice \(name)")
        }
        public static func emergencySubmittedReply(_ path: String) -> Localized {
            Localized(
                "已放入 \(path)：lobbyd 按发布内容单的标准校验，通过后即显示（开放时段外须 [emergency] outside_windows = true）；结果见 lobbyctl playlists",
                "placed as \(path): lobbyd checks it as any playlist and shows it once accepted (outside the opening "
                    + "windows only with [emergency] outside_windows = true); lobbyctl playlists tells the outcome")
        }
        public static func cannotSubmit(_ path: String, _ error: String) -> Localized {
            Localized("无法写入 \(path)：\(error)", "cannot write \(path): \(error)")
        }
        public static func noEmergencyItem(_ name: String) -> Localized {
            Localized(
                "\(name) 中没有紧急通知（priority = \"emergency\" 的条目）",
                "\(name) has no emergency item (priority = \"emergency\")")
        }
        public static let noEmergency = Localized("现在没有正在显示的紧急通知", "no emergency notice is on the air now")
        public static func emergencyCleared(_ items: [String], by actor: String, _ reason: String) -> Localized {
            Localized(
                "\(actor) 撤下紧急通知 \(items.joined(separator: "、"))：\(reason)",
                "\(actor) took the emergency notice \(items.joined(separator: ", ")) off the screen: \(reason)")
        }
        public static func keyExpiry(_ keyID: String, of holder: String, lastDay: LocalDate, daysLeft: Int) -> Localized
        {
            if daysLeft < 0 {
                return Localized(
                    "签名密钥 \(keyID)（\(holder)）已于 \(lastDay) 到期：其新签名不再被接受，请换发新密钥并登记到名册",
                    "signing key \(keyID) of \(holder) expired after \(lastDay): its new signatures are refused; "
                        + "issue a new key and list it in the roster")
            }
            return Localized(
                "签名密钥 \(keyID)（\(holder)）将于 \(lastDay) 到期（还有 \(daysLeft) 天）：请提前换发新密钥并登记到名册",
                "signing key \(keyID) of \(holder) expires after \(lastDay) (\(daysLeft) days left): issue a new key "
                    + "and list it in the roster before then")
        }
        public static func contentStale(days: Int) -> Localized {
            Localized("内容已过久：最近 \(days) 天没有新的发布内容单", "content stale: no playlist accepted in the last \(days) days")
        }
        public static func storeDegraded(since: String, pending: Int, dropped: Int) -> Localized {
            Localized(
                "事件日志自 \(since) 起无法写入：\(pending) 条事件暂存在内存中" + (dropped > 0 ? "，已丢失 \(dropped) 条" : ""),
                "store degraded since \(since): \(pending) event(s) wait in memory"
                    + (dropped > 0 ? ", \(dropped) dropped" : ""))
        }
        public static func linkNotReady(_ state: String, since: String, error: String?) -> Localized {
            Localized(
                "与控制卡的连接自 \(since) 起为 \(state)" + (error.map { "：\($0)" } ?? ""),
                "link \(state) since \(since)" + (error.map { ": \($0)" } ?? ""))
        }
        public static func signProblems(_ problems: String) -> Localized {
            Localized(
                "控制卡报告上次上传有问题（\(problems)）；见 lobbyctl events",
                "the sign reported problems with the last upload (\(problems)); see `lobbyctl events`")
        }
        public static let standingNotice = Localized(
            "没有有效的发布内容单：正在显示常设通知", "no valid playlist: the standing notice is shown")
        public static let nothingToShow = Localized(
            "正处于开放时段，但没有可显示的有效内容：屏幕是黑的", "inside an opening window with nothing valid to show: the screen is dark")
        public static func logUnavailable(_ path: String) -> Localized {
            Localized("事件日志暂时无法打开（\(path)）；请查看系统日志", "the event log cannot be opened now (\(path)); see the journal")
        }
        public static func reasonUnreadable(_ error: String) -> Localized {
            Localized("（原因文件无法读取：\(error)）", "(reason file unreadable: \(error))")
        }
        public static func overridesCleared(by actor: String, _ reason: String) -> Localized {
            Localized("\(actor) 取消人工控制：\(reason)", "overrides cleared by \(actor): \(reason)")
        }
        public static func clearedCount(_ count: Int) -> Localized {
            Localized("已取消 \(count) 项人工控制；恢复按作息时间开关屏", "\(count) override(s) cleared; the schedule decides again")
        }
        public static let noTransition = Localized(
            "作息表中没有下一次开关屏时间；请给出 \"until\"", "the schedule has no transition ahead; give \"until\"")
        public static func notFuture(_ until: String) -> Localized {
            Localized("\"until\" \(until) 不是将来的时间", "\"until\" \(until) is not in the future")
        }
        public static let tooFar = Localized(
            "\"until\" 超过 31 天：人工控制只用于一段时间，不能长期代替作息表",
            "\"until\" is more than 31 days ahead; an override is for a while, not for ever")
        public static func forced(on: Bool, until: String, _ reason: String) -> Localized {
            Localized(
                "人工\(on ? "开屏" : "关屏")至 \(until)：\(reason)",
                "screen forced \(on ? "on" : "off") until \(until): \(reason)")
        }
        public static func testPatternShows(_ pattern: String) -> Localized {
            Localized("显示测试图案 \(pattern)", "test pattern \(pattern)")
        }
        public static let dark = Localized("关屏", "dark")
        public static func maintenanceOpen(since: String, by actor: String, _ note: String) -> Localized {
            Localized(
                "维护已在进行：自 \(since) 起，\(actor)：\(note)",
                "maintenance is already open since \(since) by \(actor): \(note)")
        }
        public static func maintenanceStarted(by actor: String, _ note: String, screen: Localized) -> Localized {
            Localized(
                "\(actor) 开始维护：\(note)；屏幕\(screen.chinese)",
                "maintenance by \(actor): \(note); screen \(screen.english)")
        }
        public static func maintenanceStartedReply(screen: Localized) -> Localized {
            Localized(
                "维护已开始；在 lobbyctl maintenance end 之前屏幕\(screen.chinese)",
                "maintenance started; the screen is \(screen.english) until `maintenance end`")
        }
        public static let noMaintenance = Localized("当前没有进行中的维护", "no maintenance period is open")
        public static func maintenanceEnded(by actor: String, minutes: Int, _ note: String) -> Localized {
            Localized(
                "\(actor) 结束维护，历时 \(minutes) 分钟" + (note.isEmpty ? "" : "：\(note)"),
                "maintenance ended by \(actor) after \(minutes) min" + (note.isEmpty ? "" : ": \(note)"))
        }
        public static func maintenanceEndedReply(minutes: Int) -> Localized {
            Localized(
                "维护结束，历时 \(minutes) 分钟；恢复按作息时间开关屏", "maintenance ended after \(minutes) min; the schedule decides again"
            )
        }
        public static func testPattern(_ pattern: String, until: String) -> Localized {
            Localized("显示测试图案 \(pattern) 至 \(until)", "test pattern \(pattern) until \(until)")
        }
        public static func notRecorded(_ error: String) -> Localized {
            Localized("未能记入事件日志，操作未生效：\(error)", "not recorded in the event log, so not done: \(error)")
        }
        public static func tryLater(_ refusal: String) -> Localized {
            Localized("\(refusal)，请稍后再试", "\(refusal); try again later")
        }
    }
}
