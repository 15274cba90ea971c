import LobbyCore
import Testing

@Suite("Playback windows")
struct PlaybackWindowTests {
    @Test(
        "well-formed windows parse and print back the same",
        arguments: ["08:20-12:00", "14:20-17:30", "00:00-24:00", "23:59-24:00", "00:00-00:01"])
    func roundTrip(text: String) throws {
        let window = try #require(PlaybackWindow(parsing: text))
        #expect(window.description == text)
    }

    @Test(
        "malformed or empty windows are refused",
        arguments: [
            "8:2-12:00", "008:20-12:00", "08:20", "08:20-", "08:20-12:00-13:00", "12:00-08:20", "08:20-08:20",
            "24:00-24:00", "08:60-09:00", "25:00-26:00", "08:20-24:01", "ab:cd-12:00", "０８:20-12:00", "",
        ])
    func refused(text: String) {
        #expect(PlaybackWindow(parsing: text) == nil)
    }

    @Test("an hour of one digit is read as people write it: 8:20 is 08:20")
    func oneDigitHour() throws {
        #expect(PlaybackWindow(parsing: "8:20-12:00") == PlaybackWindow(parsing: "08:20-12:00"))
        #expect(try #require(PlaybackWindow(parsing: "8:20-9:00")).description == "08:20-09:00")
    }

    @Test("a window is half-open: lit from its first instant, dark at its end")
    func halfOpen() throws {
        let window = try #require(PlaybackWindow(parsing: "08:20-12:00"))
        let start = Double(8 * 3600 + 20 * 60)
        let end = Double(12 * 3600)
        #expect(!window.contains(secondOfDay: start - 0.001))
        #expect(window.contains(secondOfDay: start))
        #expect(window.contains(secondOfDay: end - 0.001))
        #expect(!window.contains(secondOfDay: end))
    }

    @Test("windows that share only a boundary do not overlap")
    func touchingWindows() throws {
        let morning = try #require(PlaybackWindow(parsing: "08:00-12:00"))
        let afternoon = try #require(PlaybackWindow(parsing: "12:00-17:00"))
        let lunch = try #require(PlaybackWindow(parsing: "11:30-12:30"))
        #expect(!morning.overlaps(afternoon))
        #expect(morning.overlaps(lunch) && lunch.overlaps(afternoon))
    }
}
