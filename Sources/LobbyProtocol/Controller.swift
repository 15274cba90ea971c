import LobbyCore
import LobbyRender

/// What the screen should show: pages in order, which the sign rotates through by itself.
public struct SignProgram: Sendable, Equatable {
    public var pages: [Frame]

    public init(pages: [Frame]) {
        self.pages = pages
    }
}

/// What lobbyd knows the sign holds. After an unplug or a power cut it is reset to `SignMemory()`
/// (nothing known), and the next program re-uploads everything.
public struct SignMemory: Sendable, Equatable {
    public var isConfigured = false
    /// Content hash of the frame stored under each picture label.
    public var pictures: [UInt8: UInt64] = [:]
    /// Picture label each TEXT file calls.
    public var texts: [UInt8: UInt8] = [:]

    public init() {}
}

/// One packet for the sign and what it is for (logs, upload progress, `lobbyctl plan`).
public struct Transmission: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case configureMemory, picture(page: Int), text, sequence, clock, probe, manifest
        /// Pictures of `pages` pages in one transmission (an Onbon card's dynamic area, which
        /// is replaced whole).
        case area(pages: Int)
    }

    public var purpose: Purpose
    public var bytes: [UInt8]
    /// Offsets in `bytes` after which the line must fall silent for `pause` before the rest
    /// is sent (the sign needs the time, for example to prepare a picture's memory).
    public var pausesAfter: [Int] = []
    /// How many answers the sign sends to it (an Onbon card acknowledges every frame; an Alpha
    /// sign answers reads only): a confirming probe that finds fewer learns a frame was lost.
    public var answers = 0

    /// How long the line stays silent at each of `pausesAfter`.
    public static let pause = Duration.milliseconds(100)

    public init(purpose: Purpose, bytes: [UInt8], pausesAfter: [Int] = [], answers: Int = 0) {
        self.purpose = purpose
        self.bytes = bytes
        self.pausesAfter = pausesAfter
        self.answers = answers
    }

    /// `bytes` cut at the pauses.
    public var parts: [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = 0
        for end in pausesAfter + [bytes.count] where end >= start && end <= bytes.count {
            parts.append(bytes[start..<end])
            start = end
        }
        return parts
    }
}

/// Why a program cannot be put on the sign.
public enum ControllerError: Error, Sendable, Equatable, CustomStringConvertible {
    case panelTooLarge(width: Int, height: Int, limit: String)
    case tooManyPages(pages: Int, slots: Int)
    /// The driver needs `[controller] model` (Onbon: the models differ in how a picture goes).
    case modelMissing
    /// `[controller] address` is not one this family takes.
    case badAddress(String)

    public var description: String {
        switch self {
        case .panelTooLarge(let width, let height, let limit):
            Messages.Link.panelTooLarge(width, height, limit: limit).description
        case .tooManyPages(let pages, let slots):
            Messages.Link.tooManyPages(pages, slots: slots).description
        case .modelMissing: Messages.Link.modelMissing.description
        case .badAddress(let address): Messages.Link.badAddress(address).description
        }
    }
}

/// The seam between lobbyd and a family of hall controllers. Everything above it (player,
/// link, daemon) speaks only this; a driver turns intentions into bytes, with no I/O.
public protocol Controller: Sendable {
    /// Transmissions that make a sign holding `memory` show `program`, and what it then holds.
    /// Pictures the sign already holds are not sent again.
    func program(_ program: SignProgram, memory: SignMemory) throws(ControllerError) -> (
        transmissions: [Transmission], memory: SignMemory
    )
    /// Transmissions that store what `program` needs on a sign holding `memory`, without
    /// showing it: while the screen is dark, so that `program` later costs only the switch.
    func stage(_ program: SignProgram, memory: SignMemory) throws(ControllerError) -> (
        transmissions: [Transmission], memory: SignMemory
    )
    /// Dark screen without forgetting the pictures (switching back on costs a few bytes).
    func blank(memory: SignMemory) -> (transmissions: [Transmission], memory: SignMemory)
    /// The sign's clock, for signs that show or schedule by it.
    func setClock(hour: Int, minute: Int, isoWeekday: Int) -> [Transmission]
    /// A read whose answer proves the sign is alive, and reads its clock, its manifest and what
    /// went wrong with the packets it received since the previous probe (and clears that).
    func probe() -> Transmission
    /// The sign's answer to `probe()` in `bytes` (what it sent), `nil` until one is complete.
    func probeReply(in bytes: [UInt8]) -> ProbeReply?
    /// Stores `manifest` (up to 16 ASCII characters) on the sign, where `probe()` reads it
    /// back: how lobbyd proves, after a restart or a lost link, that the sign still holds
    /// what lobbyd last sent it, instead of erasing it and sending everything again.
    func writeManifest(_ manifest: String) -> Transmission
    /// How this driver lays out the sign's memory (panel size, colours, slots, address): what
    /// the sign holds was laid out for one layout and cannot be adopted under another.
    var memoryLayout: String { get }
    /// Whether the sign keeps the manifest `writeManifest` stores (a probe then reads it back):
    /// only then does a missing manifest mean the sign lost its memory.
    var keepsManifest: Bool { get }
    /// The most pages a program may have on this sign (Alpha: its picture slots; Onbon: what
    /// fits the card's dynamic area, at most the slots configured): the player cuts the rotation
    /// to it, so that no program is refused for its length.
    var pageCapacity: Int { get }
    /// How often the link sends the program again, for a card that cannot tell whether it still
    /// holds it (content kept in memory that a power cut empties, and no manifest or clock that
    /// a probe reads back); `nil` when a probe tells.
    var refreshInterval: Duration? { get }
}

/// What a probe tells about the sign: its clock (`nil` from a card that does not tell it), which
/// lobbyd sets at every sync, so a clock that disagrees reveals a power cut; the manifest lobbyd
/// last stored on it, `nil` when the sign did not answer for it (a sign that lost its memory table holds no manifest file); and
/// what went wrong with the packets it received since the previous probe, in words (empty when
/// nothing did, or the sign does not say).
public struct ProbeReply: Sendable, Equatable {
    /// Minutes since midnight on the sign's clock.
    public var minuteOfDay: Int?
    public var manifest: String?
    public var problems: [String]
    /// For a sign that answers every frame: how many answers to earlier frames came before the
    /// probe's own (`Transmission.answers`); `nil` for one that does not.
    public var answersBefore: Int?
    /// `[controller]` settings the answer reveals (`address = "2"`, `model = "6E1"`), for
    /// `lobbyctl probe`.
    public var reveals: [String] = []

    public init(hour: Int, minute: Int, manifest: String? = nil, problems: [String] = []) {
        self.init(minuteOfDay: hour * 60 + minute, manifest: manifest, problems: problems)
    }

    /// A card that tells neither its clock nor a manifest: it answered, nothing more.
    public init(minuteOfDay: Int? = nil, manifest: String? = nil, problems: [String] = [], answersBefore: Int? = nil) {
        self.minuteOfDay = minuteOfDay
        self.manifest = manifest
        self.problems = problems
        self.answersBefore = answersBefore
    }

    /// Whether the sign's clock is within `tolerance` minutes of `hour:minute`, across midnight;
    /// a sign that does not tell its clock cannot disagree.
    public func agrees(hour expectedHour: Int, minute expectedMinute: Int, toleranceMinutes: Int = 2) -> Bool {
        guard let minuteOfDay else { return true }
        let difference = abs(minuteOfDay - (expectedHour * 60 + expectedMinute))
        return min(difference, 1440 - difference) <= toleranceMinutes
    }
}
