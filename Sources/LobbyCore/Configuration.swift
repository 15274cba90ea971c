import Foundation

/// The validated contents of `lobbyd.toml`. Every field has a default, documented in
/// `lobbyd.toml.example`; `Configuration()` is exactly what an empty file gives.
public struct Configuration: Sendable, Equatable {
    /// Lowest level written to the log (stderr; journald under systemd).
    public var logLevel: LogLevel = .info
    /// The hall's zone; windows and calendar days are in local time of this zone.
    public var timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!
    public var panel = Panel()
    public var font = Font()
    public var windows = Windows()
    public var calendar = Calendar()
    public var paths = Paths()
    public var link = Link()
    public var serial = Serial()
    public var controller = Controller()
    public var content = Content()
    public var control = Control()
    public var metrics = Metrics()
    public var site = Site()
    public var emergency = Emergency()
    /// Days events are kept in the event log before daily pruning removes them.
    public var retentionDays = 1095

    public init() {}

    /// Emergency notices (`priority = "emergency"` items): how long one may run, and whether it
    /// may light the screen outside the opening windows.
    public struct Emergency: Sendable, Equatable {
        /// An emergency item's validity is at most this many hours.
        public var maxHours = 72
        /// Whether a valid emergency notice lights the screen outside the windows (off: the
        /// screen keeps the hall's hours, the notice waits for the next window).
        public var outsideWindows = false
        public init() {}
    }

    /// The dot-matrix panel: geometry in dots and what colours it can show.
    public struct Panel: Sendable, Equatable {
        public var width = 192
        public var height = 32
        public var colors: ColorCapability = .mono
        /// What the panel shows after lobbyd stops: the last content, or nothing.
        public var onStop: StopBehaviour = .keep
        public init() {}

        /// The panels lobbyd drives, in dots (`lobbyctl render` holds to the same).
        public static let widths = 8...2048
        public static let heights = 7...512
    }

    public enum StopBehaviour: String, Sendable, Equatable, CaseIterable {
        case keep, blank
    }

    /// The hall itself: its name as reports print it, and the language people read.
    public struct Site: Sendable, Equatable {
        /// Reports' titles: "<name>LED显示屏运行情况月报（2026年11月）".
        public var name = "政务服务中心一楼"
        public var language: Language = .chinese
        public init(name: String = "政务服务中心一楼", language: Language = .chinese) {
            self.name = name
            self.language = language
        }
    }

    /// Metrics in Prometheus text format for node_exporter's textfile collector.
    public struct Metrics: Sendable, Equatable {
        /// Where to write them; `nil` (the default, "none" in the file) writes none.
        public var textfile: String?
        public var intervalSeconds = 15
        public init() {}
    }

    /// The control socket: who may change things, and who may connect at all.
    public struct Control: Sendable, Equatable {
        /// Members of this group (and root) may send commands that change anything; the socket
        /// file belongs to this group too when it exists.
        public var operatorsGroup = "lobbyops"
        /// Permission bits of the socket file; 0660 lets only the owner and the group connect.
        public var socketMode = 0o660
        /// Seconds a client that is not watching may stay silent before it is disconnected.
        public var idleTimeoutSeconds = 60
        public init() {}
    }

    /// The font text is rendered with; any face FreeType opens.
    public struct Font: Sendable, Equatable {
        public var path = "/usr/share/fonts/opentype/unifont/unifont.otf"
        public var pixelSize = 16
        public init() {}

        /// The font sizes lobbyd renders, in pixels.
        public static let pixelSizes = 6...128
    }

    /// Opening windows per kind of day. Off-days are dark unless a site configures windows.
    public struct Windows: Sendable, Equatable {
        public var workday: [PlaybackWindow] = PlaybackWindow.defaultWorkday
        public var offday: [PlaybackWindow] = []
        public init() {}
    }

    /// Where workday calendars are read from, in order; later files add to earlier ones.
    public struct Calendar: Sendable, Equatable {
        public var directories = ["/usr/share/lobbyd/calendar", "/etc/lobbyd/calendar.d"]
        public init() {}
    }

    /// Files and directories the daemon owns.
    public struct Paths: Sendable, Equatable {
        /// Holds `incoming/`, `accepted/` and `rejected/`.
        public var spool = "/var/spool/lobbyd"
        public var database = "/var/lib/lobbyd/lobbyd.sqlite"
        public var controlSocket = "/run/lobbyd/control.sock"
        public var trustedKeys = "/etc/lobbyd/trusted-keys"
        /// The roster: who may sign which approval step (`Roster`).
        public var people = "/etc/lobbyd/people.toml"
        public init() {}
    }

    /// Where the hall controller is reached: a serial device (`/dev/ttyUSB0`,
    /// `/dev/serial/by-id/…`) or an Ethernet card's `tcp://HOST:PORT`
    /// (`LinkEndpoint`). Until 0.x it was `[serial] device`, which is still read (`read(from:)`).
    public struct Link: Sendable, Equatable {
        public var endpoint = "/dev/ttyUSB0"
        public init() {}
    }

    /// The serial line to the hall controller (its speed also paces a network link: the card
    /// behind it takes bytes no faster).
    public struct Serial: Sendable, Equatable {
        public var baud = 9600
        public var parity: Parity = .none
        public var dataBits = 8
        public var stopBits = 1
        /// A relay on the port's DTR or RTS line that switches panel power (many halls cut it
        /// outside opening hours); `nil` when there is none.
        public var powerRelay: ControlLineName?
        /// Whether the relay closes when the line is asserted (`high`) or released (`low`).
        public var powerRelayActiveHigh = true
        public init() {}
    }

    /// Which controller family speaks on the line, and its address on a shared bus.
    public struct Controller: Sendable, Equatable {
        public var driver: ControllerDriver = .alpha
        /// Alpha: two hex digits, `"00"` addresses every sign on the line. Onbon: the card's
        /// screen number as LedshowTW shows it, 1 to 65534 (`"1"` unless someone changed it).
        public var address = "00"
        /// Pictures the sign's memory holds at once (Alpha: 1…26); bounds the pages in rotation.
        public var pictureSlots = 16
        /// Onbon: the card's model, as printed on it (`OnbonCardModel`); required, because the
        /// models differ in how a picture is sent.
        public var model: OnbonCardModel?
        /// Onbon: how often the pages go to the card again, because a 6th-generation card loses
        /// them at a power cut and no documented command reads them back; 0 for never.
        public var refreshMinutes = 10
        public init() {}
    }
}

extension Configuration {
    /// What approved content may contain and how long it stays current.
    public struct Content: Sendable, Equatable {
        /// The hall's remit: only these categories may be shown.
        public var categories = [
            "service-hall", "hotline-12345", "public-resource-trading", "intermediary-marketplace", "online-services",
            "other",
        ]
        /// Words of commercial advertising that must never appear on a government screen
        /// (`ContentRules`, rule `commercial`; discounts such as 八折 are found without a list).
        public var forbiddenTerms = [
            "特价", "促销", "打折", "折扣", "优惠", "优惠券", "限时抢购", "抽奖", "招商加盟", "全网最低",  // lint: not for people (data)
            "红包", "扫码关注", "免年费", "首刷", "秒杀", "包邮", "领券", "返现", "满减", "团购",  // lint: not for people (data)
            "代金券", "新品上市",  // lint: not for people (data)
        ]
        /// Official wording that contains a forbidden term and is not advertising.
        public var allowedPhrases = [
            "优惠政策", "税收优惠", "税费优惠", "享受优惠", "优惠待遇", "不打折", "收受红包", "拒收红包", "退还红包",  // lint: not for people (data)
        ]
        /// Hosts a web address may name (with their subdomains): government sites and the hall's own.
        public var allowedDomains = ["gov.cn"]
        /// Public numbers that may be shown although a rule would catch them (the hall's own
        /// mobile duty phone, a 400 hotline of a public service); 12345 needs no entry.
        public var allowedNumbers: [String] = []
        /// Characters per item.
        public var maxTextLength = 500
        public var maxItems = 50
        /// A playlist may start at most this many days ahead.
        public var horizonDays = 31
        /// Every approval step is dated at most this many days before the playlist's `valid_from`.
        public var approvalMaxAgeDays = 30
        public var maxFileBytes = 1_048_576
        /// Days after which the newest playlist counts as stale (`content_stale`).
        public var staleDays = 14
        /// What a window shows when no playlist is valid: nothing (`nil`, "blank"), or the signed
        /// standing-notice playlist at this path.
        public var fallbackPlaylist: String?
        public init() {}
    }
}

/// Levels as swift-log names them, so the daemon maps them one to one.
public enum LogLevel: String, Sendable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}

/// What a panel can light: one colour, or red/green and their mix amber.
public enum ColorCapability: String, Sendable, CaseIterable {
    case mono, tricolor
}

/// A modem-control line of the serial port.
public enum ControlLineName: String, Sendable, CaseIterable {
    case dtr, rts
}

public enum Parity: String, Sendable, CaseIterable {
    case none, odd, even
}

/// The Onbon cards lobbyd drives: the 6th generation, whose dynamic areas take pictures
/// (protocol-docs/onbon-bx.md). 6E cards light one or two colours, 6Q cards full colour.
public enum OnbonCardModel: String, Sendable, CaseIterable {
    case bx6E1 = "6E1", bx6E2 = "6E2", bx6E3 = "6E3", bx6E1X = "6E1X", bx6E2X = "6E2X"
    case bx6Q1 = "6Q1", bx6Q2 = "6Q2", bx6Q3 = "6Q3", bx6Q2L = "6Q2L", bx6Q3L = "6Q3L"

    /// The model as printed on the card or typed by a person: `6E1`, `6e1`, `BX-6E1`.
    public init?(printed name: String) {
        self.init(rawValue: Self.bare(name))
    }

    /// Font cards (BX-5K…, BX-6K…): they show text in their own font only, which lobbyd does
    /// not send (`--check-config` says so instead of falling back).
    public static func isFontCard(_ name: String) -> Bool {
        let bare = bare(name)
        return ["5K", "5MK", "6K"].contains { bare.hasPrefix($0) }
    }

    /// `name` in capitals, without the `BX-` the labels print.
    private static func bare(_ name: String) -> String {
        let upper = name.uppercased().trimmingCharacters(in: .whitespaces)
        return upper.hasPrefix("BX-") ? String(upper.dropFirst(3)) : upper
    }

    public var isFullColor: Bool { rawValue.hasPrefix("6Q") }
}

/// Controller families lobbyd can drive; see `protocol-docs/`.
public enum ControllerDriver: String, Sendable, CaseIterable {
    case alpha
    /// Onbon (仰邦) BX cards of the 6th generation, showing lobbyd's pages as pictures.
    case onbonBX = "onbon-bx"
}
