extension Configuration {
    /// What the daemon would do with this configuration, one aspect per line, for
    /// `lobbyd --check-config` and `lobbyctl validate-config`.
    public var summary: String {
        let offday = windows.offday.isEmpty ? "off-days dark" : "off-days \(list(windows.offday))"
        let workday = windows.workday.isEmpty ? "workdays dark" : "workdays \(list(windows.workday))"
        return [
            "site: \(site.name), reports in \(site.language.rawValue)",
            "panel: \(panel.width)x\(panel.height) dots, \(panel.colors.rawValue)",
            "font: \(font.path) at \(font.pixelSize) px",
            "time zone: \(timeZone.identifier)",
            "windows: \(workday); \(offday)",
            "calendar: \(calendar.directories.joined(separator: ", "))",
            "spool: \(paths.spool)/{incoming,accepted,rejected}",
            "trusted keys: \(paths.trustedKeys)",
            "database: \(paths.database)",
            "control socket: \(paths.controlSocket), mode \(String(control.socketMode, radix: 8)), operators group \(control.operatorsGroup)",
            "serial: \(serial.device) at \(serial.baud) baud, \(serial.frameDescription)"
                + (serial.powerRelay.map {
                    ", panel power relay on \($0.rawValue.uppercased()) (active \(serial.powerRelayActiveHigh ? "high" : "low"))"
                } ?? ""),
            "controller: \(controller.driver.rawValue), address \(controller.address), \(controller.pictureSlots) picture slots",
            "on stop: \(panel.onStop == .keep ? "keep the last content on the sign" : "blank the sign")",
            "log level: \(logLevel.rawValue)",
        ].joined(separator: "\n")
    }

    private func list(_ windows: [PlaybackWindow]) -> String {
        windows.map(\.description).joined(separator: ", ")
    }
}

extension Configuration.Serial {
    /// The customary short form: `8N1`, `7E2`.
    public var frameDescription: String {
        let letter =
            switch parity {
            case .none: "N"
            case .odd: "O"
            case .even: "E"
            }
        return "\(dataBits)\(letter)\(stopBits)"
    }

    /// Bits on the wire per byte: the start bit, the data bits, the parity bit if any, the stop
    /// bits (10 for 8N1, 11 for 8E1). The one place wire time is reckoned.
    public var bitsPerByte: Int { 1 + dataBits + (parity == .none ? 0 : 1) + stopBits }

    /// Seconds `bytes` bytes take on the line at this speed and framing.
    public func wireSeconds(bytes: Int) -> Double { Double(bytes * bitsPerByte) / Double(max(baud, 1)) }
}
