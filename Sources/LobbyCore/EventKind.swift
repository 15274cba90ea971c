/// The kinds of event the daemon records, as they appear in the event log and reports.
public enum EventKind: String, Sendable, CaseIterable, Codable {
    case daemonStart = "daemon_start"
    case daemonStop = "daemon_stop"
    case screenOn = "screen_on"
    case screenOff = "screen_off"
    case maintenanceStart = "maintenance_start"
    case maintenanceEnd = "maintenance_end"
    case dailyCheck = "daily_check"
    case override = "override"
    case playlistAccepted = "playlist_accepted"
    case playlistRejected = "playlist_rejected"
    case playlistDuplicate = "playlist_duplicate"
    /// An accepted playlist taken off the screen: its key was revoked or the rules changed.
    case playlistWithdrawn = "playlist_withdrawn"
    case linkUp = "link_up"
    case linkDown = "link_down"
    /// The sign answered after losing power or being reset (its clock disagreed): dark until
    /// the re-sync that follows.
    case signReset = "sign_reset"
    /// The sign shows all its content again after a reset (`sign_reset`) or a refused upload
    /// (`sign_refused`): the time between is an outage in the monthly report.
    case signRestored = "sign_restored"
    /// The sign reported that it refused packets of an upload (or received them damaged): what
    /// it shows may not be what was sent, until `sign_restored`.
    case signRefused = "sign_refused"
    /// The sign's clock was off while it still held its content; it was set.
    case signClockSet = "sign_clock_set"
    case frameShown = "frame_shown"
    case clockJump = "clock_jump"
    case calendarMissing = "calendar_missing"
    case contentStale = "content_stale"
    /// Inside an opening window with no valid content to show: logged when it begins (at the
    /// window's start too), so the report counts the dark minutes as 无可播内容.
    case contentMissing = "content_missing"
    /// Content is on the screen again after `content_missing`, inside the window.
    case contentRestored = "content_restored"
    /// The rules that decide the day's required minutes (windows, calendar day and version), as
    /// applied at start, reload and midnight: reports compute from these, not from today's file.
    case scheduleApplied = "schedule_applied"
    case rotationTruncated = "rotation_truncated"
    case fallbackShown = "fallback_shown"
    case testPattern = "test_pattern"
    case configReloaded = "config_reloaded"
    /// The event log contradicts its anchors: rows deleted, rewritten, or written behind
    /// lobbyd's back (`lobbyctl verify-log` says which).
    case logTampered = "log_tampered"
    /// A control-socket command refused because the caller is not an operator.
    case controlRefused = "control_refused"
    /// An operator placed an approved emergency notice in the spool (`lobbyctl emergency show`).
    case emergencySubmitted = "emergency_submitted"
    /// An operator took the emergency notices on the air off the screen (`lobbyctl emergency clear`).
    case emergencyCleared = "emergency_cleared"
    /// A reload found a newly installed signing key (`TrustStore.changes`).
    case keyAdded = "key_added"
    /// A reload found a key newly on the revocation list.
    case keyRevoked = "key_revoked"
    /// A reload found a key past its last day (`valid_until`).
    case keyExpired = "key_expired"
}
