extension Configuration {
    /// What the daemon would do with this configuration, one aspect per line, for
    /// `lobbyd --check-config` and `lobbyctl validate-config`.
    public var summary: String {
        let offday = windows.offday.isEmpty ? nil : list(windows.offday)
        let workday = windows.workday.isEmpty ? nil : list(windows.workday)
        let relay = serial.powerRelay.map {
            Messages.Configuration.relay($0.rawValue.uppercased(), high: serial.powerRelayActiveHigh).description
        }
        return [
            Messages.Configuration.site(site.name, site.language.rawValue),
            Messages.Configuration.panel(panel.width, panel.height, panel.colors.rawValue),
            Messages.Configuration.font(font.path, size: font.pixelSize),
            Messages.Configuration.zone(timeZone.identifier),
            Messages.Configuration.windows(workday: workday, offday: offday),
            Messages.Configuration.calendarDirectories(calendar.directories.joined(separator: ", ")),
            Messages.Configuration.spool(paths.spool),
            Messages.Configuration.keys(paths.trustedKeys, people: paths.people),
            Messages.Configuration.database(paths.database),
            Messages.Configuration.socket(
                paths.controlSocket, mode: String(control.socketMode, radix: 8), group: control.operatorsGroup),
            Messages.Configuration.serial(link.endpoint, serial.baud, serial.frameDescription),
            Messages.Configuration.controller(
                controller.driver.rawValue
                    + (controller.model.map { " \($0.rawValue), refresh_minutes = \(controller.refreshMinutes)" } ?? ""),
                controller.address,
                slots: controller.pictureSlots),
            Messages.Configuration.onStop(keep: panel.onStop == .keep),
            Messages.Configuration.emergency(maxHours: emergency.maxHours, outsideWindows: emergency.outsideWindows),
            Messages.Configuration.logLevel(logLevel.rawValue),
            Messages.Configuration.reload(
                applied: Self.appliedOnReload.joined(separator: ", "),
                kept: Self.keptUntilRestart.joined(separator: ", ")),
        ].map(\.description).enumerated().map { index, line in index == 10 ? line + (relay ?? "") : line }
            .joined(separator: "\n")
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
