import LobbyCore
import LobbyProtocol

/// What the link puts on the line, as pure functions: `LinkDriver` sends what they return, and
/// `lobbyctl plan` and the wire benchmark count it, so the plan is the bytes on the wire.
public enum LinkPlan {
    /// `transmissions` as the link sends them: an upload that changes what the sign holds starts
    /// by marking the sign's manifest as pending, so that if it is cut short no ledger matches
    /// the sign (`SignLedger`). One that starts by configuring the memory needs no mark: that
    /// empties the manifest.
    public static func marked(_ transmissions: [Transmission], controller: any Controller) -> [Transmission] {
        guard changesMemory(transmissions), !transmissions.contains(where: { $0.purpose == .configureMemory })
        else { return transmissions }
        return [controller.writeManifest(SignLedger.pending)] + transmissions
    }

    /// Whether `transmissions` change what the sign holds (more than what it shows).
    static func changesMemory(_ transmissions: [Transmission]) -> Bool {
        transmissions.contains { $0.purpose != .sequence }
    }

    /// Everything the link sends a sign that holds nothing lobbyd knows of (a first start, or a
    /// sign that lost power) until the upload of `program` is confirmed, in order: the probe
    /// that finds the sign blank, the upload, the new manifest, the probe that confirms it, and
    /// the clock (`LinkDriver`'s `upload`). The clock's digits and the manifest's token vary,
    /// their lengths do not.
    public static func resync(_ program: SignProgram, controller: any Controller) throws(ControllerError)
        -> [Transmission]
    {
        let upload = marked(try controller.program(program, memory: SignMemory()).transmissions, controller: controller)
        return [controller.probe()] + upload + [controller.writeManifest(SignLedger.newToken()), controller.probe()]
            + controller.setClock(hour: 0, minute: 0, isoWeekday: 1)
    }
}
