import LobbyLink
import Testing

@Suite("Serial link state machine")
struct SerialLinkTests {
    /// A link that has come up once.
    static func readyLink() -> SerialLink {
        var link = SerialLink()
        _ = link.handle(.start)
        _ = link.handle(.opened)
        _ = link.handle(.probeAnswered(clockAgrees: false))
        return link
    }

    @Test("the first answer brings the link up and uploads everything")
    func comesUp() {
        var link = SerialLink()
        #expect(link.handle(.start) == [.open])
        #expect(link.handle(.opened) == [.probe])
        #expect(
            link.handle(.probeAnswered(clockAgrees: false)) == [
                .linkUp, .resync, .scheduleHealthCheck(after: .seconds(15)),
            ])
        #expect(link.state == .ready)
    }

    @Test("a healthy sign is not re-uploaded; one whose clock was reset (a silent power cut) is reported and is")
    func healthChecks() {
        var link = Self.readyLink()
        #expect(link.handle(.healthCheckDue) == [.probe])
        #expect(link.handle(.probeAnswered(clockAgrees: true)) == [.scheduleHealthCheck(after: .seconds(15))])
        #expect(link.handle(.healthCheckDue) == [.probe])
        #expect(
            link.handle(.probeAnswered(clockAgrees: false)) == [
                .signReset, .resync, .scheduleHealthCheck(after: .seconds(15)),
            ])
    }

    @Test("a first connection that fails is an outage, reported once with its cause, until the link comes up")
    func firstConnectionFails() {
        var link = SerialLink()
        #expect(link.handle(.start) == [.open])
        #expect(
            link.handle(.openFailed("Permission denied")) == [
                .close, .linkDown(cause: "Permission denied"), .scheduleRetry(after: .seconds(1)),
            ])
        #expect(link.handle(.retryDue) == [.open])
        #expect(link.handle(.openFailed("Permission denied")) == [.close, .scheduleRetry(after: .seconds(2))])
        #expect(link.handle(.retryDue) == [.open])
        #expect(link.handle(.opened) == [.probe])
        #expect(link.handle(.probeUnanswered) == [.scheduleRetry(after: .seconds(4))])
        #expect(link.handle(.retryDue) == [.probe])
        #expect(link.handle(.probeAnswered(clockAgrees: false)).prefix(2) == [.linkUp, .resync])
        // Up once: the next failure is a new outage.
        #expect(link.handle(.transmissionFailed("gone")).contains(.linkDown(cause: "gone")))
    }

    @Test(
        "what a probe's manifest and clock lead to, on (re)connecting and at a health probe",
        arguments: [
            (false, SerialLink.ManifestCheck.ours, true, [SerialLink.Action.linkUp, .adopt]),
            (false, .ours, false, [.linkUp, .adopt, .setClock]),
            (false, .other, true, [.linkUp, .resync]),
            (false, .unknown, true, [.linkUp, .resync]),
            (true, .ours, true, []),
            (true, .ours, false, [.setClock]),  // the clock drifted; the memory is intact
            (true, .other, true, [.signReset, .resync]),  // lost its memory: whatever the clock says
            (true, .unknown, true, []),
            (true, .unknown, false, [.signReset, .resync]),  // a sign that keeps no manifest: the clock decides
        ])
    func manifestDecides(
        healthCheck: Bool, manifest: SerialLink.ManifestCheck, clockAgrees: Bool, expected: [SerialLink.Action]
    ) {
        var link = SerialLink()
        _ = link.handle(.start)
        _ = link.handle(.opened)
        if healthCheck {
            _ = link.handle(.probeAnswered(clockAgrees: true, manifest: .ours))
            _ = link.handle(.healthCheckDue)
        }
        #expect(
            link.handle(.probeAnswered(clockAgrees: clockAgrees, manifest: manifest))
                == expected + [.scheduleHealthCheck(after: .seconds(15))])
    }

    @Test("a refused upload is sent again once, never in a loop; new content may be sent again once")
    func refusedUpload() {
        var link = Self.readyLink()
        #expect(link.handle(.signRefused) == [.resync])
        #expect(link.handle(.signRefused) == [], "refused twice: the sign keeps what it has")
        #expect(link.state == .ready)
        #expect(link.handle(.contentChanged) == [.sendChanges])
        #expect(link.handle(.signRefused) == [.resync])
        #expect(link.handle(.signRefused) == [])
    }

    @Test("a sign that cannot tell what it holds gets everything again when the refresh is due, only when ready")
    func refresh() {
        var link = Self.readyLink()
        #expect(link.handle(.refreshDue) == [.resync])
        #expect(link.state == .ready)
        _ = link.handle(.healthCheckDue)
        #expect(link.handle(.refreshDue) == [], "mid-probe: the loop keeps it due until the link is ready")
        _ = link.handle(.transmissionFailed("gone"))
        #expect(link.handle(.refreshDue) == [])
    }

    @Test("an unplugged cable: link down once, retries with growing backoff, re-sync on return")
    func unplugAndReplug() {
        var link = Self.readyLink()
        #expect(
            link.handle(.transmissionFailed("read: the other side closed")) == [
                .close, .linkDown(cause: "read: the other side closed"), .scheduleRetry(after: .seconds(1)),
            ])
        #expect(link.handle(.retryDue) == [.open])
        #expect(link.handle(.openFailed("No such file or directory")) == [.close, .scheduleRetry(after: .seconds(2))])
        #expect(link.handle(.retryDue) == [.open])
        #expect(link.handle(.openFailed("No such file or directory")) == [.close, .scheduleRetry(after: .seconds(4))])
        #expect(link.retries == 3 && link.lastError == "No such file or directory")
        #expect(link.handle(.retryDue) == [.open])
        #expect(link.handle(.opened) == [.probe])
        #expect(
            link.handle(.probeAnswered(clockAgrees: true)) == [
                .linkUp, .resync, .scheduleHealthCheck(after: .seconds(15)),
            ])
        #expect(link.retries == 0 && link.lastError == nil)
    }

    @Test(
        "backoff grows from 1 s and is capped at 30 s", arguments: [(1, 1), (2, 2), (3, 4), (5, 16), (6, 30), (50, 30)])
    func backoff(attempt: Int, seconds: Int) {
        #expect(SerialLink.backoff(attempt) == .seconds(seconds))
    }

    @Test("a muted sign degrades the link, and after three misses the port is reopened")
    func muted() {
        var link = Self.readyLink()
        _ = link.handle(.healthCheckDue)
        #expect(
            link.handle(.probeUnanswered) == [
                .linkDown(cause: "控制卡没有应答"), .scheduleRetry(after: .seconds(1)),
            ])
        #expect(link.state == .degraded)
        #expect(link.handle(.retryDue) == [.probe])
        #expect(link.handle(.probeUnanswered) == [.scheduleRetry(after: .seconds(2))])
        #expect(link.handle(.retryDue) == [.probe])
        #expect(link.handle(.probeUnanswered) == [.close, .scheduleRetry(after: .seconds(4))])
        #expect(link.state == .failed)
    }

    @Test("an upload the sign does not confirm counts as a missed probe: down once, then re-synced when it answers")
    func unconfirmedUpload() {
        var link = Self.readyLink()
        #expect(link.handle(.contentChanged) == [.sendChanges])
        #expect(
            link.handle(.probeUnanswered) == [
                .linkDown(cause: "控制卡没有应答"), .scheduleRetry(after: .seconds(1)),
            ])
        #expect(link.state == .degraded)
        #expect(link.handle(.retryDue) == [.probe])
        #expect(link.handle(.probeAnswered(clockAgrees: true)).prefix(2) == [.linkUp, .resync])
    }

    @Test("content changes are sent when ready and wait (for the re-sync) otherwise")
    func contentChanges() {
        var link = Self.readyLink()
        #expect(link.handle(.contentChanged) == [.sendChanges])
        _ = link.handle(.transmissionFailed("gone"))
        #expect(link.handle(.contentChanged).isEmpty)
    }
}
