import Foundation
import LobbyCore
import LobbyTestSupport

/// What happens to the hall during the soak, decided in advance from a seed so that any
/// failure can be run again exactly: the content office's daily playlists (a bad one now and
/// then), pulled cables, power cuts and steps of the wall clock.
struct SoakPlan {
    enum Action: Equatable {
        /// A playlist and its signature land in `incoming/`; `valid` ones must be accepted.
        case drop(name: String, text: String, valid: Bool)
        case pullCable, plugCable
        case cutPower, restorePower
        case stepClock(seconds: Int)

        func isDrop(valid: Bool) -> Bool {
            if case .drop(_, _, valid) = self { true } else { false }
        }

        var isClockStep: Bool {
            if case .stepClock = self { true } else { false }
        }
    }

    struct Step {
        /// Monotonic time since the start of the soak.
        var at: Duration
        var action: Action
    }

    let days: Int
    let seed: UInt64
    private(set) var steps: [Step] = []
    /// Power cuts that last no time at all: the memory is lost, the sign is back at once.
    private(set) var blips = 0

    /// Every day: a new version of the hall's playlist at a random hour (valid from that day for
    /// a week), and with some probability a pulled cable in the morning, a power cut in the
    /// afternoon and a clock step near the end of a window. Days 1, 2 and 3 have one of each for
    /// certain, so that even a short soak injects every kind of fault.
    init(days: Int, start: LocalDate, seed: UInt64) {
        self.days = days
        self.seed = seed
        var random = SplitMix64(seed: seed)
        steps.append(Step(at: .seconds(1), action: Self.drop(version: 1, on: start, valid: true)))
        for day in 0..<days {
            let midnight = Duration.seconds(86_400 * day)
            let date = start.adding(days: day)
            func at(_ from: Double, _ to: Double) -> Duration {
                midnight + .seconds(Int(Double.random(in: from...to, using: &random) * 3600))
            }
            steps.append(Step(at: at(7, 19), action: Self.drop(version: day + 2, on: date, valid: true)))
            if day % 5 == 4 {
                steps.append(Step(at: at(7, 19), action: Self.drop(version: day + 2, on: date, valid: false)))
            }
            if day == 1 || Double.random(in: 0..<1, using: &random) < 0.5 {
                let pulled = at(7.5, 11)
                let seconds = Int.random(in: 3...600, using: &random)
                steps += [
                    Step(at: pulled, action: .pullCable), Step(at: pulled + .seconds(seconds), action: .plugCable),
                ]
            }
            if day == 2 || Double.random(in: 0..<1, using: &random) < 0.35 {
                let cut = at(14, 16.5)
                // A third are a blip: the memory is gone, but the sign is back at once.
                let seconds = Bool.random(using: &random) ? 0 : Int.random(in: 5...300, using: &random)
                blips += seconds == 0 ? 1 : 0
                steps += [Step(at: cut, action: .cutPower), Step(at: cut + .seconds(seconds), action: .restorePower)]
            }
            if day == 3 || Double.random(in: 0..<1, using: &random) < 0.15 {
                let seconds = Int.random(in: 5...900, using: &random) * (Bool.random(using: &random) ? 1 : -1)
                let window = Bool.random(using: &random) ? at(11.75, 12) : at(17.25, 17.5)
                steps.append(Step(at: window, action: .stepClock(seconds: seconds)))
            }
        }
        steps.sort { $0.at < $1.at }
    }

    func count(_ matches: (Action) -> Bool) -> Int { steps.filter { matches($0.action) }.count }

    /// Version `version` of the hall's news, valid for a week from `date`, approved the three
    /// days before. An invalid one carries a word of advertising the content rules forbid.
    static func drop(version: Int, on date: LocalDate, valid: Bool) -> Action {
        let name = valid ? "hall-news-v\(version)" : "hall-news-v\(version)-bad"
        let text = """
            id = "hall-news"
            version = \(version)
            title = "大厅资讯 第\(version)期"
            valid_from = \(date)
            valid_until = \(date.adding(days: 6))T23:59:59

            [approval]
            document_number = "〔2026〕\(version)号"

            [[items]]
            category = "service-hall"
            text = "大厅资讯第\(version)期：\(date) 欢迎来到市政务服务中心\(valid ? "" : "，限时抢购")"
            mode = "page"

            [[items]]
            category = "hotline-12345"
            text = "请拨打12345"
            mode = "static"

            [[items]]
            category = "online-services"
            text = "粤省事、粤商通、广东政务服务网，办事不用跑"
            mode = "page"

            """
        return .drop(name: name, text: text, valid: valid)
    }
}
