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
        applied.emergency = new.emergency
        applied.site = new.site
        return (applied, Self.restartKeys.filter { $0.differs(self, new) }.map(\.name))
    }

    /// What `reloading` applies, for `--check-config`: the rest needs a restart.
    public static let appliedOnReload = [
        "[site]", "[windows]", "[calendar]", "[content]", "[emergency]", "[store] retention_days",
    ]

    /// What `reloading` keeps until a restart, for `--check-config`.
    public static var keptUntilRestart: [String] { restartKeys.map(\.name) }

    /// The keys a reload keeps, each with how to tell it changed.
    private static let restartKeys: [(name: String, differs: @Sendable (Configuration, Configuration) -> Bool)] = [
        // The sign's clock, proof of play and the schedule share one zone until a restart.
        ("time_zone", { $0.timeZone != $1.timeZone }),
        ("[panel]", { $0.panel != $1.panel }),
        ("[font]", { $0.font != $1.font }),
        ("[paths]", { $0.paths != $1.paths }),
        ("[link]", { $0.link != $1.link }),
        ("[serial]", { $0.serial != $1.serial }),
        ("[controller]", { $0.controller != $1.controller }),
        ("[control]", { $0.control != $1.control }),
        ("[metrics]", { $0.metrics != $1.metrics }),
        ("[content] fallback", { $0.content.fallbackPlaylist != $1.content.fallbackPlaylist }),
        ("log_level", { $0.logLevel != $1.logLevel }),
    ]
}
