/// What `lobbyd --check-config` and `lobbyctl validate-config` tell the technician.
extension Messages {
    public enum Configuration {
        static let error = Localized("错误", "error")
        static let warning = Localized("警告", "warning")
        static func font(_ path: String, _ error: String) -> Localized {
            Localized("字体 \(path): \(error)", "font \(path): \(error)")
        }
        static func noCalendar(_ directories: String, shipped years: String) -> Localized {
            Localized(
                "节假日安排目录 \(directories) 都不存在：使用程序自带的 \(years) 年安排；以后各年的安排请放入这些目录",
                "none of the calendar directories \(directories) exists: the shipped \(years) arrangements are used; "
                    + "add later years there")
        }
        static func calendar(_ error: String) -> Localized { Localized("节假日安排：\(error)", "calendar: \(error)") }
        static func trustedKeysNotDirectory(_ path: String) -> Localized {
            Localized("受信任密钥：\(path) 不是目录", "trusted keys: \(path) is not a directory")
        }
        public static func noTrustedKeys(_ path: String) -> Localized {
            Localized(
                "\(path) 中没有受信任的发布人公钥：所有发布内容单都会被退回",
                "no trusted publisher keys in \(path): every playlist will be rejected")
        }
        static func noRoster(_ path: String) -> Localized {
            Localized(
                "没有审批人员名册 \(path)：无人可签拟稿、审核、审批、发布，所有发布内容单都会被退回（见 FORMAT.md 的 people.toml）",
                "no roster at \(path): nobody may sign draft, review, approve or publish, so every playlist will be "
                    + "rejected (see people.toml in FORMAT.md)")
        }
        static func rosterKeyMissing(_ name: String, _ keyID: String, _ directory: String) -> Localized {
            Localized(
                "名册中 \(name) 的密钥 \(keyID) 不在 \(directory) 中：其签名将不被接受",
                "the roster names key \(keyID) for \(name), which is not in \(directory): their signatures will be refused"
            )
        }
        static func rosterCategory(_ name: String, _ category: String) -> Localized {
            Localized(
                "名册中 \(name) 分管的类别 \"\(category)\" 不在 [content] categories 中：请核对拼写",
                "the roster gives \(name) the category \"\(category)\", which is not in [content] categories")
        }
        public static func revokesNothing(_ keyID: String, _ directory: String) -> Localized {
            Localized(
                "吊销名单中的密钥 \(keyID) 不在 \(directory) 中：这一条什么也没吊销，请核对密钥编号",
                "the revocation list names key \(keyID), which is not in \(directory): it revokes nothing; check the id"
            )
        }
        static func trustedKeys(_ error: String) -> Localized { Localized("受信任密钥：\(error)", "trusted keys: \(error)") }
        public static func notAFile(_ path: String) -> Localized {
            Localized("\(path) 是目录，不是文件", "\(path) is a directory, not a file")
        }
        public static func notDirectory(_ path: String) -> Localized {
            Localized("\(path) 不是目录", "\(path) is not a directory")
        }
        static func noMetricsDirectory(_ directory: String, file: String) -> Localized {
            Localized(
                "[metrics] textfile = \"\(file)\"：目录 \(directory) 不存在（lobbyd 不会创建它；通常是 node_exporter 的 textfile 目录）",
                "[metrics] textfile = \"\(file)\": the directory \(directory) does not exist (lobbyd does not create it; it is usually node_exporter's textfile directory)"
            )
        }
        static func noParent(_ path: String) -> Localized {
            Localized("\(path) 不存在，上一级目录也不存在", "\(path) does not exist, nor does the directory that would hold it")
        }
        static func fallbackFails(_ path: String, _ problems: String) -> Localized {
            Localized(
                "常设通知 \(path) 未通过校验，lobbyd 将不显示它：\(problems)",
                "the standing notice \(path) does not pass, lobbyd would run without it: \(problems)")
        }
        static func fallback(_ path: String, _ error: String) -> Localized {
            Localized("常设通知 \(path): \(error)", "the standing notice \(path): \(error)")
        }
        static func noSerialDevice(_ device: String) -> Localized {
            Localized(
                "串口设备 \(device)（暂时）不存在：lobbyd 会一直重试直到它出现",
                "serial device \(device) does not exist (yet): lobbyd will retry until it appears")
        }

        // The summary, one aspect per line.
        static func site(_ name: String, _ language: String) -> Localized {
            Localized("大厅：\(name)，语言 \(language)", "site: \(name), language \(language)")
        }
        static func panel(_ width: Int, _ height: Int, _ colours: String) -> Localized {
            Localized("屏幕：\(width)×\(height) 点，\(colours)", "panel: \(width)x\(height) dots, \(colours)")
        }
        static func font(_ path: String, size: Int) -> Localized {
            Localized("字体：\(path)，\(size) 像素", "font: \(path) at \(size) px")
        }
        static func zone(_ zone: String) -> Localized { Localized("时区：\(zone)", "time zone: \(zone)") }
        static func windows(workday: String?, offday: String?) -> Localized {
            Localized(
                "开放时段：工作日 \(workday ?? "不开屏")；休息日 \(offday ?? "不开屏")",
                "windows: workdays \(workday ?? "dark"); off-days \(offday ?? "dark")")
        }
        static func calendarDirectories(_ list: String) -> Localized {
            Localized("节假日安排：\(list)", "calendar: \(list)")
        }
        static func spool(_ path: String) -> Localized {
            Localized("投递目录：\(path)/{incoming,accepted,rejected}", "spool: \(path)/{incoming,accepted,rejected}")
        }
        static func keys(_ path: String, people: String) -> Localized {
            Localized("受信任密钥：\(path)；审批人员名册：\(people)", "trusted keys: \(path); roster: \(people)")
        }
        static func emergency(maxHours: Int, outsideWindows: Bool) -> Localized {
            Localized(
                "紧急通知：最长 \(maxHours) 小时，" + (outsideWindows ? "开放时段外也亮屏" : "只在开放时段内显示"),
                "emergencies: \(maxHours) h at most, "
                    + (outsideWindows ? "lit outside the windows too" : "shown inside the windows only"))
        }
        static func database(_ path: String) -> Localized { Localized("事件日志：\(path)", "database: \(path)") }
        static func socket(_ path: String, mode: String, group: String) -> Localized {
            Localized(
                "控制套接字：\(path)，权限 \(mode)，操作员组 \(group)",
                "control socket: \(path), mode \(mode), operators group \(group)")
        }
        static func serial(_ device: String, _ baud: Int, _ frame: String) -> Localized {
            Localized("连接：\(device)，\(baud) 波特，\(frame)", "link: \(device) at \(baud) baud, \(frame)")
        }
        static func controllerRefuses(_ reason: String) -> Localized {
            Localized("[controller]：\(reason)", "[controller]: \(reason)")
        }
        static func relayNeedsSerial(_ endpoint: String) -> Localized {
            Localized(
                "[serial] power_relay 需要串口的 DTR/RTS 线，网络连接 \(endpoint) 没有：请删去它，或改用串口",
                "[serial] power_relay needs a serial port's DTR/RTS line, which the network link \(endpoint) has not: remove it or use a serial port"
            )
        }
        static func relay(_ line: String, high: Bool) -> Localized {
            Localized(
                "，屏幕电源继电器接 \(line)（\(high ? "高" : "低")电平有效）",
                ", panel power relay on \(line) (active \(high ? "high" : "low"))")
        }
        static func controller(_ driver: String, _ address: String, slots: Int) -> Localized {
            Localized(
                "控制卡：\(driver)，地址 \(address)，\(slots) 个图片位",
                "controller: \(driver), address \(address), \(slots) picture slots")
        }
        static func onStop(keep: Bool) -> Localized {
            keep
                ? Localized("停止时：屏上保留最后的内容", "on stop: keep the last content on the sign")
                : Localized("停止时：清空屏幕", "on stop: blank the sign")
        }
        static func logLevel(_ level: String) -> Localized { Localized("日志级别：\(level)", "log level: \(level)") }
        static func reload(applied: String, kept: String) -> Localized {
            Localized(
                "重新加载（lobbyctl reload 或 SIGHUP）即生效：\(applied)；需重启 lobbyd 才生效：\(kept)",
                "a reload (lobbyctl reload or SIGHUP) applies \(applied); a restart of lobbyd is needed for \(kept)")
        }
    }
}
