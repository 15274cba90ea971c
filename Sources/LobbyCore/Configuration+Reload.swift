extension Configuration {
    /// What a reload (SIGHUP, `lobbyctl reload`) does with `new` while this configuration runs:
    /// the configuration it applies, and the keys it keeps as they were until a restart, by their
    /// names in lobbyd.toml. Every key is one or the other (`ConfigurationReloadTests`).
    public func reloading(_ new: Configuration) -> (applied: Configuration, needsRestart: [String]) {
        var applied = self
        applied.windows = new.windows
        applied.calendar = new.calendar
        applied.content = new.content
        applied.content.fallbackPlaylist = content.fallbackPlaylist
        applied.retentionDays = new.retentionDays
        applied.site = new.site
        let kept: [(name: String, changed: Bool)] = [
            // The sign's clock, proof of play and the schedule share one zone until a restart.
            ("time_zone", timeZone != new.timeZone),
            ("[panel]", panel != new.panel),
            ("[font]", font != new.font),
            ("[paths]", paths != new.paths),
            ("[serial]", serial != new.serial),
            ("[controller]", controller != new.controller),
            ("[control]", control != new.control),
            ("[metrics]", metrics != new.metrics),
            ("[content] fallback", content.fallbackPlaylist != new.content.fallbackPlaylist),
            ("log_level", logLevel != new.logLevel),
        ]
        return (applied, kept.filter(\.changed).map(\.name))
    }

    /// What `reloading` applies, for `--check-config`: the rest needs a restart.
    public static let appliedOnReload = [
        "[site]", "[windows]", "[calendar]", "[content]", "[store] retention_days",
    ]

    /// What `reloading` keeps until a restart, for `--check-config`.
    public static let keptUntilRestart = [
        "time_zone", "[panel]", "[font]", "[paths]", "[serial]", "[controller]", "[control]", "[metrics]",
        "[content] fallback", "log_level",
    ]
}
