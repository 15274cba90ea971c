/// The help text of `lobbyctl` and `lobbyd` (`--help`): a subcommand's one-line summary and each
/// option's meaning.
extension Messages {
    public enum Help {
        public static func maintenancePattern(_ names: String) -> Localized {
            Localized("维护期间显示这个测试图案：\(names)。", "Show this test pattern during maintenance: \(names).")
        }
        public static func pattern(_ names: String) -> Localized {
            Localized("测试图案：\(names)。", "The test pattern: \(names).")
        }
        public static let align = Localized(
            "left（左）、center（中）或 right（右）。",
            "left, center or right.")
        public static let anchors = Localized(
            "锚点文件（默认：DATABASE.anchors；核对复制到别处的备份时给出）。",
            "The anchor file (default: DATABASE.anchors; give it for a backup copied elsewhere).")
        public static let calendar = Localized(
            "列出每天是工作日还是休息日及原因：周末、法定节假日、调休上班。",
            "Print each day's kind and why: workday or off-day; weekend, public holiday or make-up workday, with its name."
        )
        public static let calendarDir = Localized(
            "从这个目录读取节假日安排，代替配置中的目录（可重复）。",
            "Read workday calendars from this directory instead of the configured ones (repeatable).")
        public static let checkConfig = Localized(
            "检查配置，列出 lobbyd 会怎么做，然后退出（有误时退出码 2）。",
            "Validate the configuration, print what lobbyd would do, and exit (2 if invalid).")
        public static let checkNote = Localized(
            "检查了什么、发现了什么。",
            "What was checked and found.")
        public static let clockStart = Localized(
            "仅供测试和演示：让时钟从这个时刻（大厅时间）开始走，如 2026-10-09T08:19:50。在 systemd 下拒绝使用。",
            "TESTING AND DEMO ONLY: run the wall clock from this instant (hall time), e.g. 2026-10-09T08:19:50. Refused under systemd."
        )
        public static let color = Localized(
            "red（红）、green（绿）或 amber（黄）。",
            "red, green or amber.")
        public static let config = Localized(
            "配置文件（默认 /etc/lobbyd/lobbyd.toml）。",
            "Configuration file (default /etc/lobbyd/lobbyd.toml).")
        public static let configFile = Localized(
            "要检查的配置文件。",
            "The configuration file to check.")
        public static let configuration = Localized(
            "配置文件。",
            "Configuration file.")
        public static let dailyCheck = Localized(
            "记录今天的日常管护检查（仅限值班人员）。",
            "Record today's upkeep check of the screen (operators only).")
        public static let database = Localized(
            "事件日志（默认：[paths] database）。",
            "The event log (default: [paths] database).")
        public static let draft = Localized(
            "发布内容单文件（可以尚未签名）。",
            "The playlist file (it need not be signed yet).")
        public static let events = Localized(
            "列出记录的事件（开关屏、发布内容单、通信、维护……）。",
            "List recorded events (screen on/off, playlists, link, maintenance …).")
        public static let fileWithSig = Localized(
            "发布内容单文件；签名文件为 FILE.sig。",
            "The playlist file; its signature is FILE.sig.")
        public static let firstDay = Localized(
            "第一天，YYYY-MM-DD。",
            "First day, YYYY-MM-DD.")
        public static let font = Localized(
            "字体文件（FreeType 能打开的任何格式）；默认：配置中的 [font] path。",
            "Font file (any format FreeType opens); default: the configuration's [font] path.")
        public static let format = Localized(
            "md、csv、html 或 all（三种都要；需 --out-dir）。",
            "md, csv, html, or all (all three; with --out-dir).")
        public static let from = Localized(
            "开始，如 2026-10-09 或 2026-10-09T08:00（未写时区时按大厅时间）。",
            "Start, e.g. 2026-10-09 or 2026-10-09T08:00 (hall time unless an offset is given).")
        public static let height = Localized(
            "屏幕高度（点），7 到 512；默认：配置中的 [panel] height。",
            "Panel height in dots, 7 to 512; default: the configuration's [panel] height.")
        public static let json = Localized(
            "原样输出 lobbyd 的 JSON 回复，每行一个，供脚本使用。",
            "Print the daemon's JSON replies, one per line, for scripts.")
        public static let jsonDay = Localized(
            "每天一行 JSON：date、workday、reason、covered。",
            "One JSON object per day: date, workday, reason, covered.")
        public static let jsonLine = Localized(
            "每行一个 JSON，供脚本使用。",
            "One JSON object per line, for scripts.")
        public static let jsonPort = Localized(
            "每个串口一行 JSON，供脚本使用。",
            "One JSON object per port.")
        public static let jsonResult = Localized(
            "以一个 JSON 对象输出结果。",
            "Print the result as one JSON object.")
        public static let jsonTransition = Localized(
            "每次开关一行 JSON：at、on、reason。",
            "One JSON object per transition: at, on, reason.")
        public static let key = Localized(
            "你自己的私钥文件（.key）。",
            "Your own private key file (.key).")
        public static let approve = Localized(
            "以自己的身份在审批签名单（FILE.sig）上签一步：拟稿、审核或审批。先做全部校验，不通过则不签。",
            "Sign one step of the approval sheet (FILE.sig) as yourself: draft, review or approve. Every check runs first; "
                + "nothing is signed when one fails.")
        public static let role = Localized(
            "这一步：拟稿（draft）、审核（review）或审批（approve）。",
            "The step: draft, review or approve (\"拟稿\", \"审核\", \"审批\").")
        public static let stepDate = Localized(
            "签署日期 YYYY-MM-DD（默认：今天，大厅时间）。",
            "The date of the step, YYYY-MM-DD (default: today in the hall).")
        public static let section = Localized(
            "拟稿科室（名册中只有一个科室时可省略）。",
            "The drafting section (may be left out when the roster gives you one only).")
        public static let confidentiality = Localized(
            "审核时的保密审核结果、审批时的保密批准结果；须写 \"通过\" 方可签。",
            "The confidentiality review (at review) or approval (at approve); must be \"通过\" (passed) to sign.")
        public static let people = Localized(
            "审批人员名册（默认：[paths] people）。",
            "The roster (default: [paths] people).")
        public static let keyValidUntil = Localized(
            "密钥最后可用的一天 YYYY-MM-DD（到期后签名不再被接受）。",
            "The key's last day of use, YYYY-MM-DD (its signatures are refused after it).")
        public static let keyDir = Localized(
            "存放密钥文件的目录。",
            "Directory to write the key files into.")
        public static let keyStem = Localized(
            "文件名（不含扩展名，默认：密钥编号）。",
            "File name stem (default: the key id).")
        public static let emergency = Localized(
            "紧急通知：show 文件 —— 校验后交 lobbyd 立即显示（须已完成审批签名）；clear —— 撤下正在显示的紧急通知。",
            "Emergency notices: show FILE checks an approved notice and has lobbyd show it at once; clear takes the "
                + "notices on the air off the screen.")
        public static let showClear = Localized("show 或 clear。", "show or clear.")
        public static let keys = Localized(
            "列出受信任的签名密钥：持有人、名册中的角色、有效期和状态（已吊销、将到期），以及名册中尚未安装的密钥。",
            "List the trusted signing keys: holder, roles in the roster, last day and state (revoked, expiring), and the "
                + "roster's keys that are not installed.")
        public static let keygen = Localized(
            "为拟稿人、审核人、审批人或发布人生成 Ed25519 密钥对：DIR/FILE.key（权限 0600）和 DIR/FILE.pub。",
            "Make an Ed25519 key pair for a drafter, reviewer, director or publisher: DIR/FILE.key (0600) and DIR/FILE.pub."
        )
        public static let kind = Localized(
            "只列这一类，如 screen_on（可重复）。",
            "Only this kind, e.g. screen_on (repeatable).")
        public static let lastDay = Localized(
            "最后一天（含），YYYY-MM-DD。",
            "Last day (included), YYYY-MM-DD.")
        public static let limit = Localized(
            "最多列出这么多条。",
            "At most this many events.")
        public static let lobbyctl = Localized(
            "查询和控制 lobbyd，为大厅显示屏准备内容。选项 --lang zh-CN|en 可用于任何子命令。",
            "Query and steer lobbyd, and prepare content for the hall screen.")
        public static let lobbyd = Localized(
            "在开放时段内，用经过审批的内容驱动政务服务大厅的 LED 显示屏。",
            "Drives the service hall's LED screen with approved content, inside opening hours.")
        public static let maintenance = Localized(
            "开始或结束维护：维护期间屏幕关闭（或显示测试图案）。",
            "Open or close a maintenance period: the screen is dark (or shows a test pattern) meanwhile.")
        public static let maintenanceNote = Localized(
            "做什么；开始时必填。",
            "What is being done; required for start.")
        public static let minutes = Localized(
            "持续多久，1 到 60 分钟。",
            "How long, 1..60 minutes.")
        public static let mode = Localized(
            "page（翻页）、static（静止）或 scroll（滚动）。",
            "page, static or scroll.")
        public static let month = Localized(
            "月份：YYYY-MM、本月（this，截至现在）或上月（last），按大厅时间。",
            "The month: YYYY-MM, \"本月\" or \"this\" (so far), \"上月\" or \"last\" (hall time).")
        public static let offset = Localized(
            "先跳过这么多条（翻页）。",
            "Skip this many events first (paging).")
        public static let onOffClear = Localized(
            "on（开屏）、off（关屏）或 clear（取消）。",
            "on, off or clear.")
        public static let operatorsNote = Localized(
            "仅限值班人员。开始和结束都连同你的用户名和说明记入事件日志。",
            "Operators only. Both ends are logged with your user name and note.")
        public static let operatorsReason = Localized(
            "仅限值班人员（root 或 [control] operators_group 中的组，通常是 lobbyops）。连同你的用户名和原因一起记入事件日志。",
            "Operators only (root or the group of [control] operators_group, usually lobbyops). Logged with your user name and the reason."
        )
        public static let out = Localized(
            "写入这个文件，而不是标准输出。",
            "Write to this file instead of standard output.")
        public static let outDir = Localized(
            "把 lobbyd-report-YYYY-MM.FORMAT 写入这个目录（供每月定时任务使用）。",
            "Write lobbyd-report-YYYY-MM.FORMAT into this directory (for the monthly timer).")
        public static let override = Localized(
            "人工开屏或关屏到某个时间（默认到作息表的下一次开关），或取消人工控制。",
            "Force the screen on or off until a time (default: the next scheduled change), or clear overrides.")
        public static let overrideUntil = Localized(
            "到今天 HH:MM（按 lobbyd 的时钟）或 YYYY-MM-DDTHH:MM[:SS][+08:00]。",
            "Until HH:MM today (the daemon's clock) or YYYY-MM-DDTHH:MM[:SS][+08:00].")
        public static let plan = Localized(
            "显示一份发布内容单在串口线上传到控制卡需要的字节数和秒数。",
            "Show the bytes and seconds a playlist takes on the serial line to the sign.")
        public static let playlistFile = Localized(
            "发布内容单文件。",
            "The playlist file.")
        public static let playlists = Localized(
            "列出正在使用、已通过和被退回的发布内容单。",
            "List active, accepted and rejected playlists of the running lobbyd.")
        public static let ports = Localized(
            "列出串口（USB VID:PID、厂商、产品、序列号、by-id 路径）。",
            "List serial ports (USB VID:PID, maker, product, serial number, by-id path).")
        public static let probe = Localized(
            "探测端口或网址上是哪一类控制卡在应答（Alpha 或仰邦 BX），用哪个波特率；请先停止 lobbyd。",
            "Find which controller family answers on a port or at an address (Alpha or Onbon BX), at which speed; stop lobbyd first."
        )
        public static let probeEndpoint = Localized(
            "串口设备或 tcp://地址:端口（默认：配置中的 [link] endpoint）。",
            "A serial device or tcp://HOST:PORT (default: [link] endpoint from the configuration).")
        public static let probeBaud = Localized(
            "只试这个波特率（可重复；默认：配置的波特率，再试 9600、57600、19200、115200）。",
            "Try only this speed (repeatable; default: the configured one, then 9600, 57600, 19200, 115200).")
        public static let preview = Localized(
            "按真实屏幕的样子（屏幕的颜色）绘制发布内容单的每一页：每页一张 PNG，另加一张标明条目和页码的总览图；"
                + "再按 lobbyd 的标准校验（审批签名单已签到哪一步就查到哪一步），不通过时退出码 2。",
            "Draw every page of a playlist like the real panel (in its colours): one PNG per page and a contact sheet "
                + "labelled by item and page; then run lobbyd's checks (the approval sheet as far as it is signed), "
                + "exit 2 when one fails.")
        public static let previewOut = Localized(
            "图片存放目录（不存在时自动创建）。",
            "Directory for the pictures (created if needed).")
        public static let publisherName = Localized(
            "密钥持有人姓名，与名册一致，如 \"张三\"。",
            "The key holder's name, as in the roster, e.g. \"张三\".")
        public static let reason = Localized(
            "原因；记入合规记录。",
            "Why; goes into the compliance record.")
        public static let reload = Localized(
            "重新读取 lobbyd 的配置、节假日安排和受信任公钥；有误的文件会被拒绝。",
            "Re-read lobbyd's configuration, calendars and trusted keys; an invalid file is refused.")
        public static let render = Localized(
            "按屏幕的样子绘制一段文字：每页一个 PBM/PNG 文件，或显示在终端上。",
            "Render text as the panel would show it: one PBM/PNG file per page, or the terminal.")
        public static let renderFormat = Localized(
            "pbm、png 或 term（终端）。",
            "pbm, png or term.")
        public static let renderOut = Localized(
            "输出：文件（NAME.EXT 得到 NAME-1.EXT、NAME-2.EXT……）或已有目录（page-1.EXT……）。",
            "Output: FILE (NAME.EXT gives NAME-1.EXT, NAME-2.EXT, …) or an existing DIR (page-1.EXT, …).")
        public static let report = Localized(
            "月报：每天应开屏和实际显示的分钟数、未显示原因、维护、人工控制、日常管护。",
            "Monthly report: minutes required and lit per day, outages, maintenance, overrides, daily checks.")
        public static let schedule = Localized(
            "列出每一次开关屏：时间、开屏或关屏、原因。",
            "Print every on/off transition: ISO-8601-TIME<TAB>on|off<TAB>why.")
        public static let sign = Localized(
            "发布人在审批签名单（FILE.sig）上签最后一步（发布）；拟稿、审核、审批须已签好，全部校验通过才签。",
            "The publisher signs the last step (publish) of the approval sheet (FILE.sig); draft, review and approve must "
                + "be there and every check pass.")
        public static let signedFile = Localized(
            "发布内容单文件，须与发布时完全一致。",
            "The playlist file, exactly as it will be published.")
        public static let since = Localized(
            "从这个时间起（未写时区时按大厅时间）。",
            "From this time (hall time unless an offset is given).")
        public static let size = Localized(
            "字号（像素），6 到 128；默认：配置中的 [font] size。",
            "Font size in pixels, 6 to 128; default: the configuration's [font] size.")
        public static let socket = Localized(
            "lobbyd 的控制套接字。",
            "lobbyd's control socket.")
        public static let timeout = Localized(
            "等待 lobbyd 应答的最长秒数（默认 120；watch 只在连接时等待）。",
            "Seconds to wait for lobbyd's answer (default 120; watch waits only when it connects).")
        public static let spool = Localized(
            "包含 incoming/ 的投递目录（默认：[paths] spool）。",
            "Spool directory holding incoming/ (default: [paths] spool).")
        public static let startEnd = Localized(
            "start（开始）或 end（结束）。",
            "start or end.")
        public static let status = Localized(
            "显示正在运行的 lobbyd 的屏幕状态、通信和提醒。",
            "Show the screen, the link and warnings of the running lobbyd.")
        public static let submit = Localized(
            "校验发布内容单，然后把它和签名放入投递目录的 incoming/。",
            "Verify a playlist, then place it and its signature in the spool's incoming/.")
        public static let testPattern = Localized(
            "显示几分钟测试图案，检查坏点（仅限值班人员）。",
            "Show a test pattern for a few minutes to check for dead dots (operators only).")
        public static let text = Localized(
            "要绘制的文字；文字中的 \\n 表示换行。",
            "The text to render; \\n in the text forces a line break.")
        public static let to = Localized(
            "结束（不含），写法同 --from。",
            "End (excluded), same forms as --from.")
        public static let trustedKeys = Localized(
            "受信任公钥目录（默认：[paths] trusted_keys）。",
            "Trusted-keys directory (default: [paths] trusted_keys).")
        public static let until = Localized(
            "到这个时间为止（不含）。",
            "Until this time (excluded).")
        public static let validateConfig = Localized(
            "检查一个 lobbyd.toml，并列出 lobbyd 会据此怎么做（有误时退出码 2）。",
            "Check a lobbyd.toml and print what the daemon would do with it (exit 2 if invalid).")
        public static let valign = Localized(
            "top（顶端）或 middle（居中，lobbyd 的默认）。",
            "top or middle (the daemon's default is middle).")
        public static let verify = Localized(
            "按 lobbyd 的方式校验一份发布内容单（不通过时退出码 2 并说明原因）。",
            "Validate a playlist exactly as lobbyd will (exit 2 with the reasons if rejected).")
        public static let verifyLog = Localized(
            "检查事件日志是否完整、未被改动（有问题时退出码 2，并指出第一处断开的行）。",
            "Check that the event log is complete and unaltered (exit 2 naming the first broken row).")
        public static let watch = Localized(
            "实时跟踪 lobbyd 的事件（Ctrl-C 停止）。",
            "Follow lobbyd's events live (Ctrl-C to stop).")
        public static let width = Localized(
            "屏幕宽度（点），8 到 2048；默认：配置中的 [panel] width。",
            "Panel width in dots, 8 to 2048; default: the configuration's [panel] width.")
    }
}
