import Foundation
import LobbyCore
import Testing

/// Every key of lobbyd.toml either applies on reload or is named as needing a restart, never
/// half of each (issue 24: `retention_days` half-applied, `[metrics]` was ignored silently, a new
/// `time_zone` reached the schedule but not the link).
@Suite("Configuration reload")
struct ConfigurationReloadTests {
    /// One change per key (by section where a section applies or waits as a whole), with the
    /// name a reload reports, or `nil` when a reload applies it.
    static let changes: [(name: String?, change: @Sendable (inout Configuration) -> Void)] = [
        ("time_zone", { $0.timeZone = TimeZone(identifier: "Asia/Urumqi")! }),
        ("[panel]", { $0.panel.width = 96 }),
        ("[panel]", { $0.panel.onStop = .blank }),
        ("[font]", { $0.font.pixelSize = 12 }),
        ("[paths]", { $0.paths.spool = "/srv/spool" }),
        ("[serial]", { $0.serial.baud = 19_200 }),
        ("[controller]", { $0.controller.pictureSlots = 8 }),
        ("[control]", { $0.control.idleTimeoutSeconds = 5 }),
        ("[link]", { $0.link.endpoint = "tcp://10.1.2.3:5005" }),
        ("[metrics]", { $0.metrics.textfile = "/var/lib/node_exporter/lobbyd.prom" }),
        ("[metrics]", { $0.metrics.intervalSeconds = 60 }),
        ("[content] fallback", { $0.content.fallbackPlaylist = "/etc/lobbyd/notice.toml" }),
        ("log_level", { $0.logLevel = .debug }),
        (nil, { $0.windows.workday = [PlaybackWindow(parsing: "09:00-12:00")!] }),
        (nil, { $0.windows.offday = [PlaybackWindow(parsing: "10:00-11:00")!] }),
        (nil, { $0.calendar.directories = ["/etc/lobbyd/calendar.d"] }),
        (nil, { $0.content.staleDays = 3 }),
        (nil, { $0.retentionDays = 400 }),
        (nil, { $0.site.name = "二楼" }),
        (nil, { $0.site.language = .english }),
    ]

    @Test("each change is applied, or kept and named; nothing else moves")
    func eachKey() {
        let running = Configuration()
        for (name, change) in Self.changes {
            var new = running
            change(&new)
            #expect(new != running, "the change to \(name ?? "a reloadable key") changes something")
            let (applied, restart) = running.reloading(new)
            if let name {
                #expect(restart == [name])
                #expect(applied == running, "\(name) waits for a restart, whole")
                #expect(Configuration.keptUntilRestart.contains(name))
            } else {
                #expect(restart.isEmpty)
                #expect(applied == new, "applied on reload")
            }
        }
        // Every listed name has a change here, and the lists do not overlap.
        #expect(Set(Self.changes.compactMap(\.name)) == Set(Configuration.keptUntilRestart))
        #expect(Set(Configuration.keptUntilRestart).isDisjoint(with: Configuration.appliedOnReload))
    }

    @Test("everything changed at once: the reloadable keys applied, every other one named")
    func everything() {
        let running = Configuration()
        var new = running
        for (_, change) in Self.changes { change(&new) }
        let (applied, restart) = running.reloading(new)
        #expect(Set(restart) == Set(Configuration.keptUntilRestart))
        #expect(applied.windows == new.windows && applied.retentionDays == 400 && applied.site == new.site)
        #expect(applied.timeZone == running.timeZone && applied.metrics == running.metrics)
    }

    @Test("--check-config says which keys a reload applies and which need a restart")
    func summary() {
        let line = Configuration().summary.split(separator: "\n").last.map(String.init) ?? ""
        #expect(line.contains("重新加载") && line.contains("retention_days") && line.contains("[metrics]"))
    }
}
