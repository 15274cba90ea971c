/// What lobbyd writes into the journal for the technician and into the event log, and the
/// reasons it gives the content office for files it set aside, in the hall's language.
extension Messages {
    public enum Daemon {
        public static let invalidConfiguration = Localized("配置文件有误", "invalid configuration")
        public static func cannotRun(_ error: String) -> Localized {
            Localized("无法运行：\(error)", "cannot run: \(error)")
        }
        public static let clockStartUnderSystemd = Localized(
            "--clock-start 只用于测试和演示，在 systemd 下拒绝使用",
            "--clock-start is for testing and demos and is refused under systemd")
        public static func badClockStart(_ value: String) -> Localized {
            Localized(
                "--clock-start \(value)：应为 YYYY-MM-DDTHH:MM[:SS]",
                "--clock-start \(value): expected YYYY-MM-DDTHH:MM[:SS]")
        }
        public static func alreadyRunning(_ lock: String) -> Localized {
            Localized(
                "已有另一个 lobbyd 在使用这个状态目录（锁文件 \(lock) 被占用）",
                "another lobbyd is running for this state directory (lock \(lock) is held)")
        }
        public static func lockFile(_ path: String, _ reason: String) -> Localized {
            Localized("\(path): 无法打开锁文件：\(reason)", "\(path): cannot open the lock file: \(reason)")
        }
        public static func shiftedClock(_ now: String) -> Localized {
            Localized("仅供测试：系统时钟已被平移，现在读数为 \(now)", "TESTING ONLY: the wall clock is shifted and now reads \(now)")
        }
        public static func fallbackFails(_ path: String, _ problem: String) -> Localized {
            Localized(
                "常设通知 \(path) 未通过校验；lobbyd 在没有它的情况下运行：\(problem)",
                "the standing notice \(path) does not pass; lobbyd runs without it: \(problem)")
        }
        public static func fallbackUnreadable(_ path: String, _ error: String) -> Localized {
            Localized("常设通知 \(path): \(error)", "fallback playlist \(path): \(error)")
        }
        public static func started(_ release: String, device: String, spool: String) -> Localized {
            Localized(
                "lobbyd \(release) 启动，控制卡接在 \(device)，投递目录 \(spool)",
                "lobbyd \(release), sign on \(device), spool \(spool)")
        }
        public static let stopped = Localized("lobbyd 已停止", "stopped")
        public static let writerStopped = Localized(
            "lobbyd 正在停止，事件日志不再写入", "lobbyd is stopping; the event log takes no more writes")
        public static func signUpdated(_ bytes: Int) -> Localized {
            Localized("控制卡内容已更新：发送 \(bytes) 字节", "sign updated: \(bytes) bytes sent")
        }
        public static let signReset = Localized(
            "控制卡断电或复位过；正在重新上传内容", "the sign lost power or was reset; its content is being uploaded again")
        public static func signRefused(_ problems: String) -> Localized {
            Localized("控制卡报告上传有问题：\(problems)", "the sign reports problems with the upload: \(problems)")
        }
        public static let signRestored = Localized("控制卡已重新显示全部内容", "the sign shows all its content again")
        public static func signClockSet(_ time: String) -> Localized {
            Localized("控制卡时钟不准；已校准为 \(time)", "the sign's clock was off; set to \(time)")
        }
        public static func controlSocket(_ path: String, _ error: String) -> Localized {
            Localized("控制套接字 \(path): \(error)", "control socket \(path): \(error)")
        }
        public static func reloadNoKeys(_ path: String) -> Localized {
            Localized(
                "\(path) 中没有受信任的发布人公钥（目录缺失或为空）：所有内容都会从屏幕上撤下",
                "no trusted publisher key in \(path) (missing or empty): every playlist would leave the screen")
        }
        public static func reloadRefused(_ error: String) -> Localized {
            Localized("拒绝重新加载，继续使用当前配置：\n\(error)", "reload refused, the running configuration is kept:\n\(error)")
        }
        public static func reloaded(_ path: String, restart: String?) -> Localized {
            Localized(
                "已从 \(path) 重新加载配置：开放时段、节假日安排、内容规则、受信任密钥和常设通知的校验、紧急通知设置、保留天数、大厅名称和语言"
                    + (restart.map { "；\($0) 需要重启 lobbyd 才能生效" } ?? ""),
                "configuration reloaded from \(path): windows, calendars, content rules, trusted keys and the standing notice's check, emergencies, retention, the hall's name and language"
                    + (restart.map { "; restart lobbyd to apply \($0)" } ?? ""))
        }
        public static func accepted(_ id: String, _ version: Int, from publisher: String, to path: String) -> Localized
        {
            Localized(
                "\(id) 第 \(version) 版（\(publisher) 发布）通过校验 → \(path)",
                "\(id) version \(version) from \(publisher) → \(path)")
        }
        public static func rejected(_ file: String, problems: Int, reason: String) -> Localized {
            Localized("\(file) 被退回，\(problems) 处问题，见 \(reason)", "\(file), \(problems) problem(s), see \(reason)")
        }
        public static func duplicate(_ id: String, _ version: Int, path: String) -> Localized {
            Localized("\(id) 第 \(version) 版重复提交，已存为 \(path)", "\(id) version \(version) again, archived as \(path)")
        }
        public static func withdrawn(_ file: String, problems: Int) -> Localized {
            Localized(
                "\(file) 已从屏幕撤下：现有 \(problems) 处问题（密钥被吊销或不再受信任、规则有变）；见系统日志",
                "\(file) is off the screen: \(problems) problem(s) now (a revoked or untrusted key, changed rules); see the journal"
            )
        }

        // The event log's own health.
        public static func storeDegradedAtStart(_ error: String, limit: Int) -> Localized {
            Localized(
                "事件日志无法写入：\(error)；屏幕照常运行，事件暂存在内存中（最多 \(limit) 条）",
                "store degraded: \(error); the screen is driven and events wait in memory (at most \(limit))")
        }
        public static func storeDegraded(_ error: String, limit: Int) -> Localized {
            Localized(
                "事件日志无法写入：\(error)；事件暂存在内存中（最多 \(limit) 条）",
                "store degraded: \(error); events wait in memory (at most \(limit))")
        }
        public static func storeWritable(written: Int, dropped: Int) -> Localized {
            Localized(
                "事件日志恢复可写；已写入积压的 \(written) 条事件，丢失 \(dropped) 条",
                "event log writable again; \(written) queued event(s) written, \(dropped) dropped")
        }
        public static func retention(removed: Int, days: Int) -> Localized {
            Localized(
                "保留期限：删除了 \(removed) 条超过 \(days) 天的事件；已为链条设检查点",
                "retention: \(removed) event(s) older than \(days) days removed; chain checkpointed")
        }
        public static func retentionFailed(_ error: String) -> Localized {
            Localized("清理过期事件失败：\(error)", "retention failed: \(error)")
        }
        public static let afterLastAnchor = Localized(
            "在 lobbyd 最后一个锚点之后（非正常停止）", "after lobbyd's last anchor (an unclean stop)")
        public static func rowsWritten(_ first: Int64, _ last: Int64, when: Localized, after: String) -> Localized {
            Localized(
                "第 \(first)–\(last) 条是\(when.chinese)写入的，在 \(after) 之后",
                "rows \(first)–\(last) were written \(when.english), after \(after)")
        }
        public static func contradictsAnchors(_ path: String, _ problems: String) -> Localized {
            Localized(
                "事件日志 \(path) 与锚点不符：\(problems)；请运行 lobbyctl verify-log",
                "event log \(path) contradicts its anchors: \(problems); run lobbyctl verify-log")
        }
        public static func cannotCheckAnchors(_ error: String) -> Localized {
            Localized("无法核对事件日志的锚点：\(error)", "cannot check the event log's anchors: \(error)")
        }
        public static func head(_ reason: String, row: Int64, hash: String) -> Localized {
            Localized("事件日志末尾（\(reason)）：第 \(row) 条，哈希 \(hash)", "event log head (\(reason)): row \(row) hash \(hash)")
        }
        public static func cannotAnchor(_ error: String) -> Localized {
            Localized("无法为事件日志设锚点：\(error)", "cannot anchor the event log: \(error)")
        }
        public static func notRecorded(_ kind: String, _ error: String) -> Localized {
            Localized("\(kind) 未能记录：\(error)", "\(kind) NOT recorded: \(error)")
        }
        public static func lost(_ count: Int, path: String, pending: Int, dropped: Int) -> Localized {
            Localized(
                "\(count) 条事件无法写入 \(path)，随进程一起丢失（\(pending) 条待写，之前已丢失 \(dropped) 条）",
                "\(count) event(s) could not be written to \(path) and are lost (\(pending) waiting, \(dropped) dropped earlier)"
            )
        }

        // The player.
        public static func clockJump(_ seconds: Int, in elapsed: String) -> Localized {
            Localized(
                "系统时钟在 \(elapsed) 内跳动了 \(seconds) 秒；屏幕按新的时间运行",
                "wall clock moved \(seconds) s in \(elapsed); the screen follows the new time")
        }
        public static func rotationTruncated(_ count: Int) -> Localized {
            Localized(
                "\(count) 条有效内容未能显示：轮播所需页数超过控制卡能存的页数（[controller] picture_slots；仰邦卡还受 300 KB 的动态区所限）",
                "\(count) valid item(s) left out: the rotation needs more pages than the sign holds ([controller] picture_slots; on an Onbon card, also its 300 KB dynamic area)"
            )
        }
        public static let fallbackShown = Localized(
            "现在没有有效的发布内容单；显示常设通知", "no playlist is valid now; showing the standing notice")
        public static let contentMissing = Localized(
            "正处于开放时段，但没有可显示的有效内容；屏幕保持黑屏",
            "inside an opening window but no valid playlist to show; the screen stays dark")
        public static let contentRestored = Localized(
            "开放时段内重新有内容可显示", "content to show again inside the opening window")
        public static func systemdStatus(on: Bool, reason: String, link: String, degraded: Bool) -> Localized {
            Localized(
                "屏幕\(on ? "开" : "关")（\(reason)）；通信 \(link)" + (degraded ? "；事件日志无法写入" : ""),
                "screen \(on ? "on" : "off") (\(reason)); link \(link)" + (degraded ? "; store degraded" : ""))
        }
        public static func applied(_ date: String, workday: Bool, reason: Localized, windows: String?) -> Localized {
            Localized(
                "\(date) \(workday ? "工作日" : "休息日")（\(reason.chinese)）：\(windows ?? "不开屏")",
                "\(date) \(workday ? "workday" : "off-day") (\(reason.english)): \(windows ?? "no opening window")")
        }
        public static func contentStale(days: Int) -> Localized {
            Localized(
                "最近 \(days) 天没有新的发布内容单通过校验；检查时会被指出",
                "no playlist accepted in the last \(days) days; the hall's inspections flag this")
        }
        public static func shown(_ item: String, seconds: Int, hour: String) -> Localized {
            Localized("\(item) 在 \(hour) 起的一小时内显示 \(seconds) 秒", "\(item) shown \(seconds) s in the hour from \(hour)")
        }

        // The spool.
        public static let abandonedTemporary = Localized(
            "临时文件超过一小时未完成（复制或提交中断），已移出 incoming/。",
            "A temporary file left for over an hour (an interrupted copy or submit); moved out of incoming/.")
        public static func orphanSignature(_ stem: String) -> Localized {
            Localized(
                "签名文件没有对应的发布内容单 \(stem).toml，未予处理：请把两个文件一起提交。",
                "Signature without its playlist \(stem).toml: submit both files together.")
        }
        public static let stray = Localized(
            "该文件不是发布内容单（.toml）或签名（.toml.sig），未予处理。", "Not a playlist (.toml) or signature (.toml.sig).")
        public static func same(_ id: String, _ version: Int) -> Localized {
            Localized(
                "与已发布的发布内容单 \(id) 第 \(version) 版相同，未作改动。",
                "Same id and version as the accepted playlist \(id) version \(version): nothing changed.")
        }
        public static func older(_ version: Int, current: Int, id: String) -> Localized {
            Localized(
                "版本号 \(version) 低于已发布的 \(id) 第 \(current) 版；重新发布请提高 version",
                "version \(version) is lower than the accepted version \(current) of \(id); raise the version to republish"
            )
        }
        public static func interrupted(_ relative: String) -> Localized {
            Localized(
                "处理该文件（\(relative)）时 lobbyd 异常退出（崩溃或被强制终止），为安全起见不再处理，以免同一个文件让程序再次崩溃。如文件无误，请重新提交。",
                "lobbyd stopped (it crashed or was killed) while processing this file (\(relative)); to be safe it is not processed again, so that a file that crashes the daemon cannot do it twice. If the file is correct, submit it again."
            )
        }
        public static let interruptedSummary = Localized(
            "处理该文件时 lobbyd 异常退出，不再处理", "lobbyd stopped while processing it")
        public static func quarantined(_ relative: String, as destination: String) -> Localized {
            Localized(
                "投递目录：处理 \(relative) 时 lobbyd 停止；已隔离为 \(destination)",
                "spool: \(relative) was being processed when lobbyd stopped; quarantined as \(destination)")
        }
        public static func pruneFailed(_ path: String, _ reason: String) -> Localized {
            Localized("无法删除已被取代的旧版本 \(path)：\(reason)", "cannot remove the superseded version \(path): \(reason)")
        }
        public static func pruned(_ names: [String], days: Int) -> Localized {
            Localized(
                "accepted/ 中 \(names.count) 个已被新版本取代、接收已超过 \(days) 天的内容单已删除：\(names.joined(separator: ", "))",
                "removed \(names.count) superseded version(s) accepted more than \(days) days ago from accepted/: \(names.joined(separator: ", "))"
            )
        }
        public static func floorsMissing(_ path: String) -> Localized {
            Localized(
                "\(path) 不存在，但 accepted/ 中有内容单：各内容单的最高版本号改由 accepted/ 中的文件重新得出。已不在 accepted/ 中的内容单，其旧版本可能会被再次接收，请核对",
                "\(path) is missing while accepted/ has playlists: each playlist's highest version is taken again from the files in accepted/. An older version of a playlist no longer in accepted/ could be accepted again: check"
            )
        }
        public static let floorsNotJSON = Localized("不是“内容单 → 版本号”的 JSON 对象", "not a JSON object of playlist → version")
        public static func floorsDamaged(_ path: String, kept: String, _ reason: String) -> Localized {
            Localized(
                "\(path) 无法读取（\(reason)）：各内容单的最高版本号改由 accepted/ 中的文件重新得出；原文件保留为 \(kept)。已不在 accepted/ 中的内容单，其旧版本可能会被再次接收，请核对",
                "\(path) cannot be read (\(reason)): each playlist's highest version is taken again from the files in accepted/; the file is kept as \(kept). An older version of a playlist no longer in accepted/ could be accepted again: check"
            )
        }
        public static func unnamable(_ error: String) -> Localized {
            Localized(
                "投递目录：一个文件名不是 UTF-8 的文件无法改名：\(error)",
                "spool: an entry with a name that is not UTF-8 cannot be renamed: \(error)")
        }
        public static func offScreen(_ name: String, _ problems: String) -> Localized {
            Localized(
                "投递目录：accepted/\(name) 已从屏幕撤下：\(problems)", "spool: accepted/\(name) is off the screen: \(problems)")
        }
        public static let overflow = Localized(
            "投递目录：内核事件队列溢出；逐个检查 incoming/ 中的文件",
            "spool: the kernel's event queue overflowed; looking at every file in incoming/")
        public static func cannotArchiveTemporary(_ error: String) -> Localized {
            Localized("投递目录：无法移走遗留的临时文件：\(error)", "spool: cannot archive a temporary file left behind: \(error)")
        }
        public static let cannotArchive = Localized(
            "投递目录：无法归档，文件留在 incoming/ 中稍后重试", "spool: cannot archive, file left in incoming/ and tried again")
        public static func waits(_ file: String) -> Localized {
            Localized(
                "投递目录：\(file) 暂缓处理：事件日志现在无法记录它的通过",
                "spool: \(file) waits: its acceptance cannot be recorded now (store degraded)")
        }
        public static func keyChange(_ change: TrustStore.Change) -> Localized {
            switch change.kind {
            case .keyAdded:
                Localized(
                    "新的签名密钥 \(change.keyID)（\(change.holder)\(change.detail.isEmpty ? "，名册中无角色" : "，\(change.detail)")）已受信任",
                    "signing key \(change.keyID) of \(change.holder) is now trusted"
                        + (change.detail.isEmpty ? " (no role in the roster)" : ""))
            case .keyRevoked:
                Localized(
                    "签名密钥 \(change.keyID)（\(change.holder)）已吊销：\(change.detail)；其签过的发布内容单已撤下",
                    "signing key \(change.keyID) of \(change.holder) is revoked: \(change.detail); what it signed is withdrawn"
                )
            default:
                Localized(
                    "签名密钥 \(change.keyID)（\(change.holder)）已于 \(change.detail) 到期：不再接受其新签名，请换发新密钥",
                    "signing key \(change.keyID) of \(change.holder) expired after \(change.detail): its new signatures are "
                        + "refused; issue a new key")
            }
        }
        public static func reloadedRules(_ error: String) -> Localized {
            Localized(
                "投递目录：重新加载的规则无法使用，继续使用原规则：\(error)",
                "spool: the reloaded rules cannot be used, the previous ones stay: \(error)")
        }
        public static func cannotWatch(_ reason: String) -> Localized {
            Localized("无法监视：\(reason)", "cannot watch: \(reason)")
        }
        public static func notSteering(_ error: String) -> Localized {
            Localized(
                "不是 lobbyd 写的控制状态文件（\(error)）；请把它移走", "not a steering file written by lobbyd (\(error)); move it away")
        }

        // The control socket.
        public static func cannotSetMode(_ path: String, _ reason: String) -> Localized {
            Localized("\(path): 无法设置权限：\(reason)", "\(path): cannot set mode: \(reason)")
        }
        public static func cannotChown(_ path: String, group: String, _ reason: String) -> Localized {
            Localized(
                "\(path): 无法把套接字交给 \(group) 组：\(reason)；请把 lobbyd 加入该组",
                "\(path): cannot give the socket to group \(group): \(reason); add lobbyd to the group")
        }
        public static func noGroup(_ group: String, path: String) -> Localized {
            Localized(
                "\(group) 组不存在：只有 root 能通过 \(path) 改变设置",
                "group \(group) does not exist: only root may change anything over \(path)")
        }
        public static func tooManyConnections(_ count: Int) -> Localized {
            Localized("连接过多（\(count) 个）", "too many connections (\(count))")
        }
        public static func tooManyFromUser(_ count: Int) -> Localized {
            Localized("该用户连接过多（\(count) 个）", "too many connections from this user (\(count))")
        }
        public static let tooManyWatchers = Localized("关注事件的连接过多", "too many watchers")
        public static func tooManyWatchersFromUser(_ count: Int) -> Localized {
            Localized("该用户关注事件的连接过多（\(count) 个）", "too many watchers from this user (\(count))")
        }
        public static func flooded(_ caller: String, _ count: Int) -> Localized {
            Localized(
                "控制：\(caller) 发送了超过 \(count) 个请求却不读回复；已断开",
                "control: \(caller) sent more than \(count) requests without reading the replies; closed")
        }
        public static func asks(_ caller: String, _ request: String) -> Localized {
            Localized("控制：\(caller) 请求 \(request)", "control: \(caller) asks \(request)")
        }
        public static let watcherDropped = Localized(
            "控制：一个关注事件的连接不再读取；已断开", "control: a watcher stopped reading; dropped")
        public static func connectionFailed(_ caller: String, _ error: String) -> Localized {
            Localized("控制：\(caller) 的连接出错：\(error)", "control: connection of \(caller) failed: \(error)")
        }
        public static func lineTooLong(_ bytes: Int) -> Localized {
            Localized("请求行超过 \(bytes) 字节；断开连接", "request line longer than \(bytes) bytes; closing the connection")
        }
        public static func metricsWritten(_ path: String) -> Localized {
            Localized("指标：\(path) 恢复写入", "metrics: \(path) written again")
        }
        public static func metricsFailed(_ path: String, _ error: String) -> Localized {
            Localized("指标：无法写入 \(path): \(error)", "metrics: cannot write \(path): \(error)")
        }
    }
}
