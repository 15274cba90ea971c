import Foundation
import LobbyCore
import LobbyLink
import LobbyStore
import Logging
import Synchronization

/// Answers control requests from the daemon's state and carries out changes, each logged with
/// the caller. Knows nothing of sockets: the server hands it a parsed request and who sent it.
public final class ControlCenter: Sendable {
    let settings: LiveSettings
    let playlists: PlaylistBoard
    let player: PlayerBoard
    let steering: SteeringBoard
    let link: LinkDriver
    let recorder: EventRecorder
    let clock: DaemonClock
    /// Re-reads the configuration; returns what was applied, or throws why nothing was.
    let reload: @Sendable () throws -> PreparedReload
    /// Per user, when a refusal was last recorded and how many since were not: one
    /// `control_refused` a minute each, so that a non-operator cannot fill the disk (or, while
    /// the log fails, push other events out of its queue) by asking again and again.
    private let refusals = Mutex<[UInt32: (at: Date, suppressed: Int)]>([:])
    private let logger = Logger(label: "lobbyd")
    /// Today's last daily check, kept here so `status` never reads the disk.
    private let dailyCheck = Mutex<(day: LocalDate, time: String, actor: String)?>(nil)
    /// The last `status` reply and its line. Dashboards ask in bursts, and an identical report
    /// is the same line: within a second, unless something changed, the line is written once.
    private let lastStatus = Mutex<(report: StatusReport, line: [UInt8])?>(nil)

    init(context: DaemonContext, reload: @escaping @Sendable () throws -> PreparedReload) {
        (settings, playlists, player, steering) = (
            context.settings, context.playlists, context.player, context.steering
        )
        (link, recorder, clock) = (context.link, context.recorder, context.clock)
        self.reload = reload
        let zone = settings.snapshot.schedule.timeZone
        let today = zone.localTime(of: clock.now()).date
        if let event = try? recorder.log?.events(since: zone.instant(of: today), kinds: [EventKind.dailyCheck.rawValue])
            .last,
            let date = event.date
        {
            dailyCheck.withLock {
                $0 = (today, zone.iso8601(date), event.actor)
            }
        }
    }

    /// The one-line reply to `request` (not `watch`, which the server streams).
    public func reply(to request: ControlRequest, from caller: Caller) -> [UInt8] {
        if request.changesState && !caller.isOperator {
            let operators = settings.snapshot.configuration.control.operatorsGroup
            recordRefusal(of: request, by: caller, operators: operators)
            return ControlCoding.line(
                ErrorReply(Messages.Operations.notOperator(caller.name, group: operators).description))
        }
        do {
            switch request {
            case .status: return statusLine()
            case .watch: return ControlCoding.line(WatchReply())
            case .events(let kinds, let since, let limit):
                return ControlCoding.line(try events(kinds: kinds, since: since, limit: limit))
            case .schedule(let from, let days): return ControlCoding.line(schedule(from: from, days: days))
            case .playlists: return ControlCoding.line(playlistsReply())
            case .override(let state, let until, let reason):
                return ControlCoding.line(DoneReply(try override(state, until: until, reason: reason, by: caller)))
            case .maintenanceStart(let note, let pattern):
                return ControlCoding.line(DoneReply(try startMaintenance(note: note, pattern: pattern, by: caller)))
            case .maintenanceEnd(let note):
                return ControlCoding.line(DoneReply(try endMaintenance(note: note, by: caller)))
            case .dailyCheck(let note):
                try record(.dailyCheck, Messages.Operations.dailyCheck(by: caller.name, note), ["note": note], caller)
                let now = clock.now()
                let zone = settings.snapshot.schedule.timeZone
                dailyCheck.withLock {
                    $0 = (zone.localTime(of: now).date, zone.iso8601(now), caller.name)
                }
                return ControlCoding.line(DoneReply(Messages.Operations.dailyCheckRecorded.description))
            case .testPattern(let pattern, let minutes):
                return ControlCoding.line(DoneReply(try testPattern(pattern, minutes: minutes, by: caller)))
            case .emergencyShow(let name, let playlist, let sheet):
                return ControlCoding.line(
                    DoneReply(try submitEmergency(name: name, playlist: playlist, sheet: sheet, by: caller)))
            case .emergencyClear(let reason):
                return ControlCoding.line(DoneReply(try clearEmergency(reason: reason, by: caller)))
            case .reload:
                // Applied only once recorded: a reply "not done" means not done.
                let prepared = try reload()
                try record(.configReloaded, prepared.message, [:], caller)
                prepared.apply()
                return ControlCoding.line(DoneReply(prepared.message.description))
            }
        } catch {
            return ControlCoding.line(ErrorReply("\(error)"))
        }
    }

    /// A refused change: in the journal each time (journald limits its own rate), in the event
    /// log once a minute per user, with how many were not recorded since the last one.
    private func recordRefusal(of request: ControlRequest, by caller: Caller, operators: String) {
        let now = clock.now()
        let words = Messages.Operations.refusedEvent("\(caller)", group: operators).text(in: .process)
        let suppressed = refusals.withLock { refusals -> Int? in
            if let last = refusals[caller.uid], now >= last.at, now.timeIntervalSince(last.at) < 60 {
                refusals[caller.uid]?.suppressed += 1
                return nil
            }
            defer { refusals[caller.uid] = (now, 0) }
            return refusals[caller.uid]?.suppressed ?? 0
        }
        guard let suppressed else {
            logger.warning("\(words)")
            return
        }
        var detail = ["uid": "\(caller.uid)", "request": request.summary(in: settings.snapshot.schedule.timeZone)]
        if suppressed > 0 { detail["not_recorded_before"] = "\(suppressed)" }
        recorder.record(.controlRefused, words, detail: detail, actor: caller.name, at: now, level: .warning)
    }

    // MARK: reads

    private func statusLine() -> [UInt8] {
        let report = status()
        if let last = lastStatus.withLock({ $0 }), last.report.isIdentical(to: report) { return last.line }
        let line = ControlCoding.line(report)
        lastStatus.withLock { $0 = (report, line) }
        return line
    }

    public func status() -> StatusReport {
        let now = clock.now()
        let current = settings.snapshot
        let zone = current.schedule.timeZone
        let steer = steering.snapshot
        let view = player.snapshot
        let policy = ScreenPolicy(
            schedule: current.schedule, steering: steer,
            emergencyOutsideWindows: current.configuration.emergency.outsideWindows)
        // The policy's word now, as the overrides and maintenance below are read now: the
        // player's last tick (up to 50 ms old) may not have seen a change just made.
        let state = policy.verdict(at: now) { view.decision?.verdict.content ?? .none }.state
        let next = policy.nextChange(after: now)
        let linkStatus = link.status
        let uploading = linkStatus.bytesTotal > 0 && linkStatus.bytesSent < linkStatus.bytesTotal
        return StatusReport(
            release: Release.version, now: zone.iso8601(now),
            screen: .init(
                on: state.isOn, reason: "\(state.reason)", cause: state.cause, since: view.since.map(zone.iso8601)),
            next: next.map { .init(at: zone.iso8601($0.at), on: $0.state.isOn) },
            showing: .init(
                playlists: view.playlists, items: view.decision?.items ?? [],
                pages: view.decision?.program?.pages.count ?? 0, fallback: view.decision?.isFallback ?? false,
                omitted: view.decision?.omitted ?? 0),
            link: .init(
                device: current.configuration.link.endpoint, state: "\(linkStatus.state)",
                since: zone.iso8601(linkStatus.since), retries: linkStatus.retries,
                lastError: linkStatus.lastError,
                bytesSent: uploading ? linkStatus.bytesSent : 0, bytesTotal: uploading ? linkStatus.bytesTotal : 0,
                etaSeconds: uploading
                    ? current.configuration.serial.wireSeconds(bytes: linkStatus.bytesTotal - linkStatus.bytesSent)
                    : nil,
                lastUpload: linkStatus.lastUpload.map { zone.iso8601($0) }),
            overrides: steer.overrides.filter { $0.until > now }.map {
                .init(
                    on: $0.isOn, from: zone.iso8601($0.from), until: zone.iso8601($0.until), reason: $0.reason,
                    actor: $0.actor)
            },
            maintenance: steer.maintenance.map {
                .init(since: zone.iso8601($0.since), actor: $0.actor, note: $0.note, pattern: $0.pattern?.rawValue)
            },
            testPattern: steer.testPattern.flatMap {
                $0.until > now
                    ? .init(pattern: $0.pattern.rawValue, until: zone.iso8601($0.until), actor: $0.actor) : nil
            },
            dailyCheck: dailyCheck.withLock { $0 }.flatMap { check in
                check.day == zone.localTime(of: now).date
                    ? Messages.Operations.dailyCheckDone(at: check.time, by: check.actor).description : nil
            },
            warnings: warnings(at: now, current: current, view: view, link: linkStatus), timeZone: zone.identifier)
    }

    private func warnings(at now: Date, current: LiveSettings.Current, view: PlayerView, link: LinkStatus) -> [String] {
        let zone = current.schedule.timeZone
        var result = current.schedule.calendar.warnings(on: zone.localTime(of: now).date).map { "\($0)" }
        let staleDays = current.configuration.content.staleDays
        if playlists.isLoaded, playlists.snapshot.isStale(at: now, days: staleDays) {
            result.append(Messages.Operations.contentStale(days: staleDays).description)
        }
        let today = zone.localTime(of: now).date
        for expiry in playlists.expiries where expiry.lastDay.dayNumber - today.dayNumber <= 30 {
            result.append(
                Messages.Operations.keyExpiry(
                    expiry.keyID, of: expiry.holder, lastDay: expiry.lastDay,
                    daysLeft: expiry.lastDay.dayNumber - today.dayNumber
                ).description)
        }
        if let since = recorder.degradedSince {
            let (pending, dropped) = recorder.unwritten
            result.append(
                Messages.Operations.storeDegraded(since: zone.iso8601(since), pending: pending, dropped: dropped)
                    .description)
        }
        if link.state != .ready {
            result.append(
                Messages.Operations.linkNotReady(
                    "\(link.state)", since: zone.iso8601(link.since), error: link.lastError
                ).description)
        }
        if let problems = link.signProblems {
            result.append(Messages.Operations.signProblems(problems).description)
        }
        if let decision = view.decision {
            if decision.isFallback { result.append(Messages.Operations.standingNotice.description) }
            if decision.verdict.lacksContent {
                result.append(Messages.Operations.nothingToShow.description)
            }
            if decision.omitted > 0 {
                result.append(Messages.Operations.itemsLeftOut(decision.omitted).description)
            }
        }
        return result
    }

    private func events(kinds: [EventKind], since: Date?, limit: Int) throws -> EventsReply {
        let from = since ?? clock.now().addingTimeInterval(-86_400)
        // What was recorded before the request is in the answer: the writer catches up first.
        recorder.flush()
        guard let log = recorder.log else {
            throw ControlRequestError(Messages.Operations.logUnavailable(recorder.path))
        }
        let rows = try log.events(since: from, kinds: kinds.map(\.rawValue), limit: limit)
        return EventsReply(
            events: rows.map { row in
                let detail =
                    (try? JSONDecoder().decode([String: String].self, from: Data(row.detail.utf8))) ?? [
                        "raw": row.detail
                    ]
                return EventRecord(ts: row.ts, kind: row.kind, actor: row.actor, detail: detail)
            })
    }

    private func schedule(from: Date?, days: Int) -> ScheduleReply {
        let start = from ?? clock.now()
        let policy = ScreenPolicy(schedule: settings.snapshot.schedule, steering: steering.snapshot)
        let zone = policy.schedule.timeZone
        return ScheduleReply(
            transitions: policy.transitions(from: start, to: start.addingTimeInterval(Double(days) * 86_400)).map {
                .init(at: zone.iso8601($0.at), on: $0.state.isOn, reason: "\($0.state.reason)")
            })
    }

    private func playlistsReply() -> PlaylistsReply {
        let now = clock.now()
        let zone = settings.snapshot.schedule.timeZone
        let store = playlists.snapshot
        let archive = SpoolArchive(spool: settings.snapshot.configuration.paths.spool)
        let files = { (directory: String) in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }
                .sorted()
        }
        let rejected = files(archive.rejected).filter { $0.hasSuffix(".reason") }.suffix(20).map { name in
            PlaylistsReply.Rejected(
                file: String(name.dropLast(".reason".count)),
                reason: readReason("\(archive.rejected)/\(name)"))
        }
        return PlaylistsReply(
            active: store.active(at: now).map { playlist in
                PlaylistsReply.Active(
                    id: playlist.id, version: playlist.version, title: playlist.title, items: playlist.items.count,
                    accepted: store.entries[playlist.id].map { zone.iso8601($0.acceptedAt) } ?? "",
                    approvals: playlist.approval.steps.map {
                        .init(role: $0.role.rawValue, person: $0.person, date: "\($0.date)")
                    })
            },
            accepted: files(archive.accepted).filter { $0.hasSuffix(".toml") }, rejected: Array(rejected),
            waiting: Self.waiting(in: archive.incoming, names: files(archive.incoming)))
    }

    /// What waits in incoming/: a playlist for its signature (or the reverse) up to the spool's
    /// grace period, counted from the file's modification time, as the file system keeps it.
    static func waiting(in incoming: String, names: [String]) -> [PlaylistsReply.Waiting] {
        let grace = Int(SpoolPairing.defaultGrace.components.seconds)
        let present = Set(names)
        return names.compactMap { name in
            let partner: PlaylistsReply.Waiting.Partner
            if name.hasSuffix(".toml") {
                partner = present.contains("\(name).sig") ? .none : .signature
            } else if name.hasSuffix(".toml.sig") {
                guard !present.contains(String(name.dropLast(4))) else { return nil }
                partner = .playlist
            } else {
                return nil
            }
            let modified =
                (try? FileManager.default.attributesOfItem(atPath: "\(incoming)/\(name)")[.modificationDate] as? Date)
                ?? Date()
            let left = max(0, grace - Int(Date().timeIntervalSince(modified)))
            return .init(file: name, waitsFor: partner, secondsLeft: partner == .none ? nil : left)
        }
    }

    /// A reason file in rejected/: never followed through a link or waited on as a FIFO, and
    /// bounded, since anyone who can write to incoming/ can put an entry of that name there.
    private func readReason(_ path: String) -> String {
        do {
            return try TextFile.read(path, limit: 64 * 1024, links: .refuse)
        } catch {
            return Messages.Operations.reasonUnreadable("\(error)").description
        }
    }

    // MARK: changes

    /// Places the notice and its sheet in `incoming/` under a name of its own (sheet first, as
    /// `lobbyctl submit` does); the spool checks it like any playlist. Showing a notice that
    /// was cleared brings it back: an operator's mistaken clear can be undone.
    private func submitEmergency(name: String, playlist: String, sheet: String, by caller: Caller) throws -> String {
        let now = clock.now()
        let current = settings.snapshot
        let (parsed, _) = Playlist.read(text: playlist, file: name, zone: current.schedule.timeZone)
        guard let parsed, parsed.items.contains(where: { $0.priority == .emergency }) else {
            throw ControlRequestError(Messages.Operations.noEmergencyItem(name))
        }
        let stamp = current.schedule.timeZone.iso8601(now).prefix(19).filter { $0.isNumber || $0 == "T" }
        let spoolName = "emergency-\(stamp)-\(name)"
        let incoming = SpoolArchive(spool: current.configuration.paths.spool).incoming
        guard !FileManager.default.fileExists(atPath: "\(incoming)/\(spoolName)") else {
            throw ControlRequestError(Messages.Operations.cannotSubmit("incoming/\(spoolName)", "EEXIST"))
        }
        let restored = steering.snapshot.clearedEmergencies.keys.filter {
            $0.hasPrefix("\(parsed.id)#\(parsed.version)#")
        }.sorted()
        let files: [AtomicFile.Prepared]
        do {
            files = [
                try AtomicFile.prepare(Array(sheet.utf8), for: "\(incoming)/\(spoolName).sig"),
                try AtomicFile.prepare(Array(playlist.utf8), for: "\(incoming)/\(spoolName)"),
            ]
        } catch {
            throw ControlRequestError(Messages.Operations.cannotSubmit("incoming/\(spoolName)", "\(error)"))
        }
        do {
            // Recorded before the spool can see the files; its own verdict follows.
            try steering.update {
                for key in restored { $0.clearedEmergencies[key] = nil }
            } record: { _ in
                try record(
                    .emergencySubmitted, Messages.Operations.emergencySubmitted(name, by: caller.name),
                    ["file": spoolName, "restored": restored.joined(separator: " ")], caller)
            }
            for file in files { try file.commit() }
        } catch {
            for file in files { file.discard() }
            throw error
        }
        return Messages.Operations.emergencySubmittedReply("incoming/\(spoolName)").description
    }

    /// Takes every emergency item on the air off the screen until it would have expired.
    private func clearEmergency(reason: String, by caller: Caller) throws -> String {
        let now = clock.now()
        let zone = settings.snapshot.schedule.timeZone
        let store = playlists.snapshot
        let dayPart = PlaylistItem.DayPart(at: zone.localTime(of: now))
        let showing = store.rotation(at: now, dayPart: dayPart, cleared: steering.snapshot.cleared)
            .filter { $0.item.priority == .emergency }
        guard !showing.isEmpty else { throw ControlRequestError(Messages.Operations.noEmergency) }
        // Every emergency item of the notices concerned, the ones of the other part of the day
        // or of later hours too: a cleared notice does not come back in the afternoon.
        var until: [String: Date] = [:]
        for id in Set(showing.map(\.playlistID)) {
            guard let playlist = store.entries[id]?.playlist else { continue }
            for (index, item) in playlist.items.enumerated() where item.priority == .emergency {
                until["\(id)#\(playlist.version)#\(index)"] = item.validUntil ?? playlist.validUntil
            }
        }
        let keys = until.keys.sorted()
        try steering.update {
            $0.expire(at: now)
            for (key, end) in until { $0.clearedEmergencies[key] = end }
        } record: { _ in
            try record(
                .emergencyCleared, Messages.Operations.emergencyCleared(keys, by: caller.name, reason),
                ["items": keys.joined(separator: " "), "reason": reason], caller)
        }
        return Messages.Operations.emergencyCleared(keys, by: caller.name, reason).description
    }

    private func override(_ state: ControlRequest.OverrideState, until: Date?, reason: String, by caller: Caller)
        throws -> String
    {
        let now = clock.now()
        let zone = settings.snapshot.schedule.timeZone
        if state == .clear {
            let cleared = try steering.update { steering in
                defer { steering.overrides.removeAll() }
                return steering.overrides.filter { $0.until > now }.count
            } record: { _ in
                try record(
                    .override, Messages.Operations.overridesCleared(by: caller.name, reason),
                    ["state": "clear", "reason": reason],
                    caller)
            }
            return Messages.Operations.clearedCount(cleared).description
        }
        let end: Date
        if let until {
            end = until
        } else {
            guard let next = settings.snapshot.schedule.nextTransition(after: now) else {
                throw ControlRequestError(Messages.Operations.noTransition)
            }
            end = next
        }
        guard end > now else { throw ControlRequestError(Messages.Operations.notFuture(zone.iso8601(end))) }
        guard end <= now.addingTimeInterval(31 * 86_400) else {
            throw ControlRequestError(Messages.Operations.tooFar)
        }
        let override = ScheduleOverride(isOn: state == .on, from: now, until: end, reason: reason, actor: caller.name)
        let message = Messages.Operations.forced(on: state == .on, until: zone.iso8601(end), reason)
        try steering.update {
            $0.expire(at: now)
            $0.overrides.append(override)
        } record: { _ in
            try record(
                .override, message, ["state": state.rawValue, "until": zone.iso8601(end), "reason": reason], caller)
        }
        return message.description
    }

    private func startMaintenance(note: String, pattern: TestPattern?, by caller: Caller) throws -> String {
        let now = clock.now()
        let zone = settings.snapshot.schedule.timeZone
        let shows = pattern.map { Messages.Operations.testPatternShows($0.rawValue) } ?? Messages.Operations.dark
        try steering.update { steering in
            if let open = steering.maintenance {
                throw ControlRequestError(
                    Messages.Operations.maintenanceOpen(since: zone.iso8601(open.since), by: open.actor, open.note))
            }
            steering.maintenance = .init(since: now, actor: caller.name, note: note, pattern: pattern)
        } record: { _ in
            try record(
                .maintenanceStart, Messages.Operations.maintenanceStarted(by: caller.name, note, screen: shows),
                // The detail's value, as logs and reports before the catalogue read it.
                // lint: not for people (a stored value)
                ["note": note, "screen": pattern.map { "test pattern \($0.rawValue)" } ?? "dark"], caller)
        }
        return Messages.Operations.maintenanceStartedReply(screen: shows).description
    }

    private func endMaintenance(note: String, by caller: Caller) throws -> String {
        let now = clock.now()
        let open = try steering.update { steering in
            guard let open = steering.maintenance else {
                throw ControlRequestError(Messages.Operations.noMaintenance)
            }
            steering.maintenance = nil
            return open
        } record: { open in
            let minutes = Int(now.timeIntervalSince(open.since) / 60)
            try record(
                .maintenanceEnd,
                Messages.Operations.maintenanceEnded(by: caller.name, minutes: minutes, note),
                ["note": note, "started_by": open.actor, "minutes": "\(minutes)"], caller)
        }
        let minutes = Int(now.timeIntervalSince(open.since) / 60)
        return Messages.Operations.maintenanceEndedReply(minutes: minutes).description
    }

    private func testPattern(_ pattern: TestPattern, minutes: Int, by caller: Caller) throws -> String {
        let now = clock.now()
        let until = now.addingTimeInterval(Double(minutes) * 60)
        let zone = settings.snapshot.schedule.timeZone
        let message = Messages.Operations.testPattern(pattern.rawValue, until: zone.iso8601(until))
        try steering.update {
            $0.testPattern = .init(pattern: pattern, until: until, actor: caller.name)
        } record: { _ in
            try record(.testPattern, message, ["pattern": pattern.rawValue, "minutes": "\(minutes)"], caller)
        }
        return message.description
    }

    /// Records what an operator did, on disk, or fails the request: it is never answered
    /// "done" for an event that was not written.
    /// The record is in the hall's language (`Language.process`), whatever the reply's.
    private func record(_ kind: EventKind, _ words: Localized, _ detail: [String: String], _ caller: Caller) throws {
        let message = words.text(in: .process)
        var detail = detail
        detail["uid"] = "\(caller.uid)"
        do {
            try recorder.recordDurably(kind, message, detail: detail, actor: caller.name, at: clock.now())
        } catch {
            throw ControlRequestError(Messages.Operations.notRecorded("\(error)"))
        }
    }
}
