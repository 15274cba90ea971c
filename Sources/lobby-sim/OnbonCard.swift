import Foundation
import LobbyProtocol
import LobbyRender
import LobbySimulation

/// lobby-sim's Onbon card: `OnbonDecoder` (written apart from the encoder) in front of the
/// `OnbonSign` model. Frames for another card are ignored, as on a shared RS-485 bus; damaged
/// frames are counted and ignored (the card cannot know whom they were for).
struct OnbonCard: SimulatedCard {
    private var decoder = OnbonDecoder()
    private var sign: OnbonSign

    init(sign: OnbonSign) {
        self.sign = sign
    }

    var pages: [Frame] { sign.pages }

    mutating func receive(_ bytes: [UInt8], arrival: ((Int) -> Date)?) -> [CardEvent] {
        decoder.feed(bytes).compactMap { (output) -> CardEvent? in
            switch output {
            case .malformed(let problem):
                // A frame whose header and length were read but whose CRC failed is answered
                // with error 05 (Onbon's table has it); anything worse goes unanswered.
                guard case .badCRC = problem else { return .malformed("\(problem)") }
                return .malformed(
                    "\(problem)", reply: sign.answer(refusing: .init(code: OnbonSign.ErrorCode.crc, description: "")))
            case .frame(let frame) where !sign.isAddressed(frame):
                return nil
            case .frame(let frame):
                let writes = frame.command == .pictureArea || frame.command == .deleteAreas
                do throws(OnbonSign.Refusal) {
                    let answer = try sign.apply(frame)
                    return .handled(reply: answer, writesMemory: writes, notable: notable(frame))
                } catch {
                    return .refused(error.description, reply: sign.answer(refusing: error))
                }
            }
        }
    }

    mutating func passTime(seconds: Double) {}

    mutating func powerCycle() {
        sign.powerCycle()
        decoder = OnbonDecoder()
    }

    /// `area 0: N pages` when an area arrived, `areas deleted` when areas went.
    private func notable(_ frame: OnbonFrame) -> String? {
        switch frame.command {
        case .pictureArea:
            sign.areas.keys.sorted().map { "area \($0): \(sign.areas[$0]!.pages.count) pages" }.joined(separator: ", ")
        case .deleteAreas: "areas deleted"
        default: nil
        }
    }
}
