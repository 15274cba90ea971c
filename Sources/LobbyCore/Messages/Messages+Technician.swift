/// What the technician reads about the sign, the link, the event log and the font: the
/// journal, `link_down` causes, and the errors of `render`, `preview`, `verify-log`.
extension Messages {
    public enum Link {
        public static func cannotOpen(_ path: String, _ reason: String, permission: Bool) -> Localized {
            Localized(
                "\(path): 无法打开：\(reason)"
                    + (permission
                        ? "（串口属于 dialout 组：软件包中的服务单元以 SupplementaryGroups=dialout 运行 lobbyd；手动运行时执行 `sudo usermod -aG dialout $USER` 后重新登录）"
                        : ""),
                "\(path): cannot open: \(reason)"
                    + (permission
                        ? " (serial ports belong to the dialout group: the packaged unit runs lobbyd with SupplementaryGroups=dialout; by hand, run `sudo usermod -aG dialout $USER` and log in again)"
                        : ""))
        }
        public static func writeFailed(_ path: String, _ reason: String) -> Localized {
            Localized("\(path): 写入失败：\(reason)", "\(path): write failed: \(reason)")
        }
        public static func writeTimedOut(_ path: String, sent: Int, total: Int) -> Localized {
            Localized(
                "\(path): 写入超时，已发送 \(sent)/\(total) 字节", "\(path): write timed out after \(sent) of \(total) bytes")
        }
        public static func readFailed(_ path: String, _ reason: String) -> Localized {
            Localized("\(path): 读取失败：\(reason)", "\(path): read failed: \(reason)")
        }
        public static func noReply(_ path: String, within: String) -> Localized {
            Localized("\(path): 控制卡在 \(within) 内没有应答", "\(path): the sign did not answer within \(within)")
        }
        public static let portClosed = Localized("串口已关闭", "port closed")
        public static let otherSideClosed = Localized("对端已关闭", "the other side closed")
        public static func cannotConfigure(_ setting: String, _ reason: String) -> Localized {
            Localized("无法设置 \(setting)：\(reason)", "cannot set \(setting): \(reason)")
        }
        public static let unknownError = Localized("未知错误", "unknown error")
        public static func missedProbes(_ count: Int) -> Localized {
            Localized(
                "控制卡连续 \(count) 次探测没有应答（请检查控制卡地址、波特率与型号；停止 lobbyd 后可用 lobbyctl probe 探测）",
                "the sign did not answer \(count) probes (check its address, speed and model; with lobbyd stopped, lobbyctl probe finds them)"
            )
        }
        public static let noAnswer = Localized("控制卡没有应答", "the sign does not answer")
        public static func ignoringLedger(_ path: String, _ error: String) -> Localized {
            Localized(
                "通信：忽略 \(path)（\(error)）；将重新同步控制卡", "link: ignoring \(path) (\(error)); the sign will be re-synced")
        }
        public static let adopting = Localized(
            "通信：控制卡仍保存着上次发送的内容；只发送有变化的部分", "link: the sign still holds what was last sent; sending only what changed")
        public static func clockSet(_ time: String) -> Localized {
            Localized("通信：控制卡时钟不准；已校准为 \(time)", "link: the sign's clock was off; set to \(time)")
        }
        public static func up(_ path: String) -> Localized { Localized("通信正常：\(path)", "link up: \(path)") }
        public static func down(_ path: String, _ cause: String) -> Localized {
            Localized("通信中断：\(path): \(cause)", "link down: \(path): \(cause)")
        }
        public static func reset(_ path: String) -> Localized {
            Localized(
                "\(path) 上的控制卡断电或复位过（其内容清单或时钟表明如此）；重新上传全部内容",
                "the sign on \(path) lost power or was reset (its manifest or clock says so); uploading everything again"
            )
        }
        public static func sinceProbe(_ problems: String) -> Localized {
            Localized("通信：自上次探测以来控制卡报告：\(problems)", "link: the sign reports since the previous probe: \(problems)")
        }
        public static func cannotRecord(_ path: String, _ error: String) -> Localized {
            Localized(
                "通信：无法在 \(path) 中记录控制卡保存的内容：\(error)", "link: cannot record what the sign holds in \(path): \(error)")
        }
        public static func relay(_ error: String) -> Localized {
            Localized("无法切换屏幕电源继电器：\(error)", "cannot switch the panel-power relay: \(error)")
        }
        public static func refusedUpload(_ total: Int, _ problems: String) -> Localized {
            Localized(
                "通信：控制卡报告 \(total) 字节的上传有问题：\(problems)",
                "link: the sign reports problems with an upload of \(total) bytes: \(problems)")
        }
        public static func cannotRemove(_ path: String, _ error: String) -> Localized {
            Localized(
                "通信：无法删除 \(path)（\(error)）；下次启动可能沿用一块拒收过内容的控制卡",
                "link: cannot remove \(path) (\(error)); the next start may adopt a sign that refused")
        }
        public static func cutShort(sent: Int, total: Int) -> Localized {
            Localized(
                "通信：正在停止；上传在 \(sent)/\(total) 字节处中断，下次启动会重新同步控制卡",
                "link: stopping; upload cut short after \(sent) of \(total) bytes, the next start re-syncs the sign")
        }
        public static func cannotShow(_ error: String) -> Localized {
            Localized("这块控制卡无法显示这些内容：\(error)", "cannot show the content on this sign: \(error)")
        }
        public static func unanswered(_ count: Int, of total: Int) -> Localized {
            Localized("\(total) 帧中有 \(count) 帧没有应答", "\(count) of \(total) frames unanswered")
        }
        public static func unconfirmed(_ total: Int) -> Localized {
            Localized("通信：控制卡没有确认 \(total) 字节的上传", "link: the sign did not confirm an upload of \(total) bytes")
        }
        public static let resetDuringUpload = Localized(
            "通信：上传过程中控制卡断电或复位；重新发送全部内容",
            "link: the sign lost power or was reset during the upload; sending everything again")
        public static let networkTransport = Localized("网络连接（TCP）", "network connection (TCP)")
        public static let noNetworkInUnit = Localized(
            "（lobbyd 的服务单元默认不能联网：网口控制卡需安装 lobbyd-network-card.conf，见 docs/INSTALL.md）",
            " (lobbyd's unit has no network by default: an Ethernet card needs lobbyd-network-card.conf, see docs/INSTALL.md)"
        )
        public static func transport(pty: Bool) -> Localized {
            pty
                ? Localized("伪终端（termios）", "pseudo-terminal (termios)")
                : Localized("串口（libserialport）", "serial port (libserialport)")
        }
        public static func using(_ transport: String, for path: String) -> Localized {
            Localized("通信：\(path) 使用\(transport)", "link: using \(transport) for \(path)")
        }

        // What an Alpha sign's error register says.
        public static let illegalCommand = Localized("拒收了一条命令或文件标签", "refused a command or file label")
        public static let checksum = Localized("校验和错误", "checksum errors")
        public static let bufferOverflow = Localized("串口缓冲区溢出", "serial buffer overflow")
        public static let timeout = Localized("串口超时", "serial timeout")
        public static let framing = Localized("帧错误", "framing errors")
        public static let parity = Localized("奇偶校验错误", "parity errors")

        // The controller seam.
        public static func panelTooLarge(_ width: Int, _ height: Int, limit: String) -> Localized {
            Localized(
                "\(width)×\(height) 的屏幕超出了该控制卡驱动支持的范围（\(limit)）",
                "a \(width)x\(height) panel is larger than this controller driver supports (\(limit))")
        }
        public static let alphaLimit = Localized(
            "Alpha 大点阵图片，最大 65535×65535 点", "Alpha large DOTS pictures, up to 65535x65535 dots")
        public static let modelMissing = Localized(
            "仰邦控制卡需要 [controller] model（印在卡上的型号，如 \"6E1\"）",
            "an Onbon card needs [controller] model (the model printed on it, such as \"6E1\")")
        public static func badAddress(_ address: String) -> Localized {
            Localized(
                "[controller] address = \"\(address)\" 不是仰邦控制卡的屏号（1 到 65534）",
                "[controller] address = \"\(address)\" is not an Onbon screen number (1 to 65534)")
        }
        public static let onbonLimit = Localized(
            "仰邦第六代动态区，最大 65535×65535 点，每区 300 KB",
            "Onbon 6th-generation dynamic areas, up to 65535x65535 dots and 300 KB an area")
        public static func onbonAreaLimit(pageBytes: Int) -> Localized {
            Localized(
                "仰邦第六代动态区每区 300 KB，而这块屏一页就要 \(pageBytes) 字节",
                "an Onbon 6th-generation dynamic area holds 300 KB, and one page of this panel takes \(pageBytes) bytes"
            )
        }
        /// What a 6th-generation Onbon card says when it refuses a command: its error code, in
        /// hex as Onbon's table numbers them, and what the table says it means.
        public static func onbonRefused(_ code: Int) -> Localized {
            let hex = "0x" + String(format: "%02X", code)
            let meaning = onbonErrors[code] ?? ("未列出的错误", "an error not in Onbon's table")
            return Localized(
                "控制卡拒收了命令（错误码 \(hex)：\(meaning.0)）", "the card refused a command (error \(hex): \(meaning.1))")
        }
        /// Onbon's error table (6th-generation manual; protocol-docs/onbon-bx.md).
        static let onbonErrors: [Int: (String, String)] = [
            0x01: ("命令组错误", "wrong command group"), 0x02: ("命令不存在", "no such command"),
            0x03: ("控制卡忙", "the card is busy"), 0x04: ("内存不足", "out of memory"),
            0x05: ("CRC 校验错误", "CRC error"), 0x06: ("文件不存在", "no such file"),
            0x07: ("Flash 访问错误", "flash error"), 0x08: ("下载错误", "download error"),
            0x09: ("文件名错误", "bad file name"), 0x0A: ("文件类型错误", "bad file type"),
            0x0B: ("文件 CRC 错误", "file CRC error"), 0x0C: ("字库不存在", "no such font"),
            0x0D: ("固件类型不符", "wrong firmware type"), 0x0E: ("日期时间格式错误", "bad date or time"),
            0x0F: ("文件已存在", "the file exists"), 0x10: ("块号错误", "wrong block number"),
            0x11: ("控制卡型号不符", "wrong controller model"),
            0x12: (
                "屏幕参数超出范围（区域大小、颜色与卡上设置不符）",
                "screen parameter out of range (area size or colours unlike the card's settings)"
            ),
            0x13: ("控制卡 ID 错误", "wrong controller ID"),
        ]
        public static func tooManyPages(_ pages: Int, slots: Int) -> Localized {
            Localized(
                "节目有 \(pages) 个不同页面，但控制卡内存只能存 \(slots) 张图片（[controller] picture_slots）",
                "the program has \(pages) different pages but the sign's memory holds \(slots) pictures ([controller] picture_slots)"
            )
        }
    }

    public enum Store {
        public static func cannotOpen(_ path: String, _ reason: String) -> Localized {
            Localized("\(path): 无法打开事件日志：\(reason)", "\(path): cannot open the event log: \(reason)")
        }
        public static func corrupt(_ path: String, _ reason: String, recovery: String) -> Localized {
            Localized(
                "\(path): 事件日志已损坏（\(reason)），lobbyd 不会在它上面启动。恢复可读部分（如需要先 apt-get install sqlite3），连同其预写日志一起移走：\(recovery)",
                "\(path): the event log is damaged (\(reason)). lobbyd will not start on it. To recover what can be read (apt-get install sqlite3 first if needed), moving its write-ahead log with it: \(recovery)"
            )
        }
        public static func writeFailed(_ path: String, _ reason: String) -> Localized {
            Localized("\(path): 无法写入事件日志：\(reason)", "\(path): cannot write to the event log: \(reason)")
        }
        public static func readFailed(_ path: String, _ reason: String) -> Localized {
            Localized("\(path): 无法读取事件日志：\(reason)", "\(path): cannot read the event log: \(reason)")
        }
        public static func noAnchor(rows: Int, file: String) -> Localized {
            Localized(
                "日志有 \(rows) 行，却没有锚点：锚点文件 \(file) 不存在（从没有锚点的版本升级后出现一次属正常；否则是被删除了）",
                "the log has \(rows) rows but no anchor: the anchor file \(file) is missing (once after an upgrade from a release without anchors; otherwise it was deleted)"
            )
        }
        public static func noReadableAnchor(rows: Int, file: String) -> Localized {
            Localized(
                "日志有 \(rows) 行，锚点文件 \(file) 中却没有一行可读的锚点（被清空、截断或改写过）",
                "the log has \(rows) rows but the anchor file \(file) has no readable anchor (emptied, cut short or rewritten)"
            )
        }
        public static func unanchoredCheckpoint(_ row: String) -> Localized {
            Localized(
                "截至第 \(row) 行的保留期检查点不在任何锚点中：有行在保留期清理之外被删除",
                "retention checkpoint up to row \(row) is in no anchor: rows were deleted outside retention")
        }
        public static let whileStopped = Localized("在 lobbyd 停止期间", "while lobbyd was stopped")
        public static let uncleanStop = Localized(
            "在 lobbyd 最后一个锚点之后、再次启动之前（非正常停止）",
            "after lobbyd's last anchor, before it started again (an unclean stop)")
        public static func writtenBetween(_ first: Int64, _ last: Int64, when: Localized, from: String, to: String)
            -> Localized
        {
            Localized(
                "第 \(first)–\(last) 行是\(when.chinese)写入的，时间在 \(from) 和 \(to) 之间",
                "rows \(first)–\(last) were written \(when.english), between \(from) and \(to)")
        }
        public static func tailDeleted(last: Int64, row: Int64, at: String) -> Localized {
            Localized(
                "日志到第 \(last) 行结束，但在 \(at) 时有第 \(row) 行：末尾被删除了",
                "the log ends at row \(last) but held row \(row) at \(at): its tail was deleted")
        }
        public static func rowMissing(_ row: Int64, at: String) -> Localized {
            Localized("在 \(at) 设锚的第 \(row) 行不见了", "row \(row), anchored at \(at), is missing")
        }
        /// A row outside the rows a month's report checks (from after the last anchor before
        /// the month to the anchors' last row of the month) whose time puts it in the month: its
        /// time was changed, or it was put there.
        public static func movedIntoMonth(_ row: Int64, checked first: Int64, to last: Int64) -> Localized {
            Localized(
                "第 \(row) 行不在本报告核对的第 \(first) 至 \(last) 行之内，时间却在本月内：其时间被改过",
                "row \(row) lies outside rows \(first) to \(last) that this report checks, yet its time is in the month: its time was changed"
            )
        }
        public static func rewritten(_ row: Int64, at: String) -> Localized {
            Localized(
                "第 \(row) 行不是 \(at) 设锚时的那一行：被改写过", "row \(row) is not the row anchored at \(at): it was rewritten")
        }
        /// A break in the chain, as `EventLog.verify` names it (`Verification.notFollowing`, `.edited`).
        public static func breakReason(_ reason: String, notFollowing: String, edited: String) -> Localized {
            switch reason {
            case notFollowing: Localized("与上一行不衔接（有行被删除或插入）", notFollowing)
            case edited: Localized("内容与其哈希不符（该行被改写）", edited)
            default: Localized(reason, reason)
            }
        }
    }

    public enum Render {
        public static func fontUnreadable(_ path: String) -> Localized {
            Localized(
                "\(path): 无法打开字体文件：文件不存在或不可读", "\(path): cannot open the font file: it does not exist or cannot be read"
            )
        }
        public static func notAFont(_ path: String) -> Localized {
            Localized("\(path): 不是 FreeType 能读的字体文件", "\(path): not a font file FreeType can read")
        }
        public static func freeType(_ path: String, code: Int32) -> Localized {
            Localized(
                "\(path): FreeType 无法打开这个字体（FreeType 错误 \(code)）",
                "\(path): FreeType cannot open this font (FreeType error \(code))")
        }
        public static func fontNotAFile(_ path: String) -> Localized {
            Localized("\(path): 不是字体文件（是目录、管道或设备）", "\(path): not a font file (a directory, pipe or device)")
        }
        public static func sizeNotAvailable(_ path: String, _ size: Int, available: String) -> Localized {
            Localized(
                "\(path): 点阵字体没有 \(size) 像素的字号；可用：\(available)",
                "\(path): bitmap font has no \(size) px size; available: \(available)")
        }
        public static func doesNotFitOnePage(_ pages: Int) -> Localized {
            Localized(
                "静止显示的内容需要 \(pages) 屏；请缩短，或改用 mode = \"page\" 或 \"scroll\"",
                "static text needs \(pages) pages; shorten it or use mode \"page\" or \"scroll\"")
        }
        public static func lineTallerThanPanel(_ line: Int, _ panel: Int) -> Localized {
            Localized(
                "一行字高 \(line) 点，但屏幕只有 \(panel) 行", "a line is \(line) dots tall but the panel has only \(panel) rows")
        }
        public static func tooLarge(_ dots: Int, limit: Int) -> Localized {
            Localized(
                "这段文字需要 \(dots) 点的图片，超过最多绘制的 \(limit) 点；请缩短，或用更小的字体或屏幕",
                "the text would need \(dots) dots of pictures, more than the \(limit) drawn at most; shorten it or use a smaller font or panel"
            )
        }
        public static func tooManyGlyphs(_ mebibytes: Int) -> Localized {
            Localized(
                "这段文字中不同的字太多，在这个字号下超过 \(mebibytes) MiB 的字形缓存；请缩短或用更小的字体",
                "the text has more different characters than \(mebibytes) MiB of glyphs hold at this font size; shorten it or use a smaller font"
            )
        }
        public static func character(_ code: String, _ scalar: String, at offset: Int) -> Localized {
            Localized("第 \(offset) 个字符 \(code) '\(scalar)'", "\(code) '\(scalar)' at character \(offset)")
        }
    }
}
