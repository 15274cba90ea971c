import Foundation

extension Configuration {
    /// Serial speeds the supported controllers accept.
    public static let allowedBauds = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]

    /// Reads and validates `path`. Every problem in the file is reported at once, each naming the
    /// file, line, key, the value found and what is allowed.
    public static func load(path: String) throws(LobbyCoreError) -> Configuration {
        try parse(text: try TextFile.read(path), file: path)
    }

    public static func parse(text: String, file: String) throws(LobbyCoreError) -> Configuration {
        let root = try TOMLSource.parse(text: text, file: file)
        var config = Configuration()
        root.read("log_level", into: &config.logLevel)
        root.readTimeZone("time_zone", into: &config.timeZone)
        root.section("panel") { config.panel.read(from: $0) }
        root.section("font") { config.font.read(from: $0) }
        root.section("windows") { config.windows.read(from: $0) }
        root.section("calendar") { $0.readPaths("directories", into: &config.calendar.directories) }
        root.section("paths") { config.paths.read(from: $0) }
        var hasEndpoint = false
        root.section("link") { link in
            hasEndpoint = link.contains("endpoint")
            link.readEndpoint("endpoint", into: &config.link.endpoint)
        }
        root.section("serial") { config.serial.read(from: $0, link: &config.link, hasEndpoint: hasEndpoint) }
        root.section("controller") { config.controller.read(from: $0) }
        root.section("content") { config.content.read(from: $0) }
        root.section("control") { config.control.read(from: $0) }
        root.section("metrics") { config.metrics.read(from: $0) }
        root.section("site") { site in
            site.read(
                "name", into: &config.site.name,
                expected: Messages.Expect.siteName
            ) { name in
                (1...64).contains(name.count) && name.contains { !$0.isWhitespace }
                    && !name.unicodeScalars.contains {
                        $0 == "\t" || VisibleText.isControl($0) || Self.isFormatControl($0)
                    }
            }
            site.read("language", into: &config.site.language)
        }
        root.section("store") { $0.read("retention_days", into: &config.retentionDays, in: 30...36500) }
        root.section("emergency") { table in
            table.read("max_hours", into: &config.emergency.maxHours, in: 1...720)
            if let outside = table.boolean("outside_windows") { config.emergency.outsideWindows = outside }
        }
        root.finish()
        if config.font.pixelSize > config.panel.height {
            root.diagnostics.report(
                .invalidValue(
                    root.diagnostics.location(of: "font.size"), key: "font.size",
                    value: "\(config.font.pixelSize)",
                    expected: Messages.Expect.atMostPanelHeight(config.panel.height).description))
        }
        try root.diagnostics.throwIfAny()
        return config
    }
}

extension Configuration {
    /// Bidirectional and other invisible format characters (U+202E and kin): a title printed on
    /// an official report must read as it is stored.
    static func isFormatControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .format
    }
}

extension TOMLTableReader {
    fileprivate func readTimeZone(_ key: String, into value: inout TimeZone) {
        guard let name = string(key) else { return }
        guard let zone = TimeZone(identifier: name) else {
            return invalid(key, value: "\"\(name)\"", expected: Messages.Expect.zone)
        }
        value = zone
    }
}

extension Configuration.Panel {
    fileprivate mutating func read(from table: TOMLTableReader) {
        table.read("width", into: &width, in: Self.widths)
        table.read("height", into: &height, in: Self.heights)
        table.read("colors", into: &colors)
        table.read("on_stop", into: &onStop)
    }
}

extension Configuration.Font {
    fileprivate mutating func read(from table: TOMLTableReader) {
        table.readPath("path", into: &path)
        table.read("size", into: &pixelSize, in: Self.pixelSizes)
    }
}

extension Configuration.Windows {
    fileprivate mutating func read(from table: TOMLTableReader) {
        table.readWindows("workday", into: &workday)
        table.readWindows("offday", into: &offday)
    }
}

extension Configuration.Paths {
    fileprivate mutating func read(from table: TOMLTableReader) {
        table.readPath("spool", into: &spool)
        table.readPath("database", into: &database)
        table.readPath("control_socket", into: &controlSocket)
        table.readPath("trusted_keys", into: &trustedKeys)
        table.readPath("people", into: &people)
    }
}

extension Configuration.Serial {
    /// `[serial] device` is the endpoint's old name: read when `[link] endpoint` is not given,
    /// refused beside it (which of the two would win is not obvious to the reader of the file).
    fileprivate mutating func read(
        from table: TOMLTableReader, link: inout Configuration.Link, hasEndpoint: Bool
    ) {
        if table.contains("device") {
            if hasEndpoint {
                table.invalid(
                    "device", value: table.string("device").map { "\"\($0)\"" } ?? "…",
                    expected: Messages.Expect.deviceMovedToEndpoint)
            } else {
                table.readEndpoint("device", into: &link.endpoint)
            }
        }
        table.read("baud", into: &baud, oneOf: Configuration.allowedBauds)
        table.read("parity", into: &parity)
        table.read("data_bits", into: &dataBits, oneOf: [7, 8])
        table.read("stop_bits", into: &stopBits, oneOf: [1, 2])
        if let relay = table.string("power_relay") {
            if relay == "none" {
                powerRelay = nil
            } else if let line = ControlLineName(rawValue: relay) {
                powerRelay = line
            } else {
                table.invalid("power_relay", value: "\"\(relay)\"", expected: Messages.Expect.relay)
            }
        }
        var active = "high"
        table.read("power_relay_active", into: &active, expected: Messages.Expect.relayActive) {
            $0 == "high" || $0 == "low"
        }
        powerRelayActiveHigh = active == "high"
    }
}

extension Configuration.Control {
    fileprivate mutating func read(from table: TOMLTableReader) {
        table.read("operators_group", into: &operatorsGroup, expected: Messages.Expect.group) {
            !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-".contains($0)) }
        }
        var mode = String(socketMode, radix: 8)
        table.read("socket_mode", into: &mode, expected: Messages.Expect.socketMode) {
            guard let bits = Int($0, radix: 8) else { return false }
            return bits & 0o600 == 0o600 && bits & ~0o666 == 0
        }
        socketMode = Int(mode, radix: 8) ?? socketMode
        table.read("idle_timeout_seconds", into: &idleTimeoutSeconds, in: 5...3600)
    }
}

extension Configuration.Metrics {
    fileprivate mutating func read(from table: TOMLTableReader) {
        var path = "none"
        table.read("textfile", into: &path, expected: Messages.Expect.textfile) {
            $0 == "none" || ($0.hasPrefix("/") && $0.hasSuffix(".prom"))
        }
        textfile = path == "none" ? nil : path
        table.read("interval_seconds", into: &intervalSeconds, in: 1...300)
    }
}

extension Configuration.Controller {
    fileprivate mutating func read(from table: TOMLTableReader) {
        table.read("driver", into: &driver)
        switch driver {
        case .alpha:
            table.read("address", into: &address, expected: Messages.Expect.address) {
                $0.count == 2 && $0.allSatisfy(\.isHexDigit)
            }
        case .onbonBX:
            address = "1"
            table.read("address", into: &address, expected: Messages.Expect.onbonAddress) {
                !$0.hasPrefix("0") && $0.allSatisfy({ ("0"..."9").contains($0) })
                    && UInt16($0).map { (1...0xFFFE).contains($0) } == true
            }
            if let name = table.require("model", table.string) {
                if let known = OnbonCardModel(printed: name) {
                    model = known
                } else {
                    table.invalid(
                        "model", value: "\"\(name)\"",
                        expected: OnbonCardModel.isFontCard(name)
                            ? Messages.Expect.onbonFontCard : Messages.Expect.onbonModel)
                }
            }
            table.read("refresh_minutes", into: &refreshMinutes, in: 0...1440)
        }
        table.read("picture_slots", into: &pictureSlots, in: 1...26)
    }
}

extension Configuration.Content {
    fileprivate mutating func read(from table: TOMLTableReader) {
        if let categories = table.strings("categories") {
            if categories.isEmpty
                || categories.contains(where: {
                    !$0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
                })
            {
                table.invalid(
                    "categories", value: "\(categories)", expected: Messages.Expect.categories)
            } else {
                self.categories = categories
            }
        }
        if let terms = table.strings("forbidden_terms") {
            if terms.contains(where: \.isEmpty) {
                table.invalid("forbidden_terms", value: "\"\"", expected: Messages.Expect.terms)
            } else {
                forbiddenTerms = terms
            }
        }
        if let phrases = table.strings("allowed_phrases") { allowedPhrases = phrases.filter { !$0.isEmpty } }
        if let domains = table.strings("allowed_domains") {
            if let bad = domains.first(where: {
                ContentRules.address(in: Array($0.lowercased()))?.host != $0.lowercased()
            }) {
                table.invalid("allowed_domains", value: "\"\(bad)\"", expected: Messages.Expect.domain)
            } else {
                allowedDomains = domains
            }
        }
        if let numbers = table.strings("allowed_numbers") {
            if let bad = numbers.first(where: { $0.filter(\.isNumber).count < 3 }) {
                table.invalid("allowed_numbers", value: "\"\(bad)\"", expected: Messages.Expect.publicNumber)
            } else {
                allowedNumbers = numbers
            }
        }
        table.read("max_text_length", into: &maxTextLength, in: 1...10_000)
        table.read("max_items", into: &maxItems, in: 1...1000)
        table.read("horizon_days", into: &horizonDays, in: 0...366)
        table.read("approval_max_age_days", into: &approvalMaxAgeDays, in: 0...366)
        table.read("max_file_bytes", into: &maxFileBytes, in: 1024...16_777_216)
        table.read("stale_days", into: &staleDays, in: 1...365)
        var fallback = "blank"
        table.read(
            "fallback", into: &fallback, expected: Messages.Expect.fallback
        ) {
            $0 == "blank" || $0.hasPrefix("/")
        }
        fallbackPlaylist = fallback == "blank" ? nil : fallback
    }
}

extension TOMLTableReader {
    /// A serial device path or `tcp://HOST:PORT` (`LinkEndpoint`).
    fileprivate func readEndpoint(_ key: String, into value: inout String) {
        read(key, into: &value, expected: Messages.Expect.endpoint) { LinkEndpoint($0) != nil }
    }
}
