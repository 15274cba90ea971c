import Foundation
import LobbyRender
import LobbySimulation

/// A card model behind the pseudo-terminal, whatever protocol it speaks: `SimulatedSign` feeds
/// it the bytes from the wire and does the rest (line speed, handling time, answers, drawing,
/// the record). One adaptor per family (`AlphaCard`, `OnbonCard`) wraps its strict decoder and
/// the device model from LobbySimulation.
protocol SimulatedCard {
    /// What the card made of `bytes`; `arrival(i)` is when byte `i` reached it (`nil` when the
    /// simulator receives at full speed).
    mutating func receive(_ bytes: [UInt8], arrival: ((Int) -> Date)?) -> [CardEvent]
    /// What the panel shows, page by page.
    var pages: [Frame] { get }
    /// Runs the card's clock on.
    mutating func passTime(seconds: Double)
    /// Power cut and back: the card forgets what it forgets, the decoder starts afresh.
    mutating func powerCycle()
}

/// One thing a card did with bytes from the wire.
enum CardEvent {
    /// Bytes that were not a valid packet (counted; the card goes on), and its answer when it
    /// says so (an Onbon card whose frame failed its CRC).
    case malformed(String, reply: [UInt8]? = nil)
    /// A valid packet the card would not take (counted; the card goes on), and its answer
    /// when it says so (an Onbon card answers with an error code; an Alpha sign says nothing).
    case refused(String, reply: [UInt8]? = nil)
    /// A packet handled: the card's answer, if it sends one; whether it wrote its memory
    /// (which takes the longer `--picture-ms`); a line worth saying (`clock 08:20`, …).
    case handled(reply: [UInt8]?, writesMemory: Bool, notable: String?)
}

/// The protocols lobby-sim speaks (`--protocol`).
enum SimulatedProtocol: String, CaseIterable {
    case alpha
    case onbonBX = "onbon-bx"

    func card(_ options: SimulatorOptions) -> any SimulatedCard {
        switch self {
        case .alpha: AlphaCard(memoryPool: options.memoryPool)
        case .onbonBX:
            OnbonCard(
                sign: OnbonSign(
                    model: options.model, width: options.panel.width, height: options.panel.height,
                    tricolor: options.tricolor))
        }
    }
}
