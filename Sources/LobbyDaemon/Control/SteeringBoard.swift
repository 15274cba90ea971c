import Foundation
import LobbyCore
import Synchronization

/// The steering shared between the control server (writes) and the player (reads every tick),
/// saved to the state directory on each change so that a restart obeys it too.
public final class SteeringBoard: Sendable {
    private let current: Mutex<Steering>
    /// Held over a whole change (which waits for its event to reach the disk): changes one at a
    /// time, while `snapshot` (the player's tick, `status`) never waits for one.
    private let changing = Mutex(())
    private let path: String

    /// Loads `path` if it exists. An unreadable file is reported, not silently dropped: the
    /// screen must not relight because an override was forgotten.
    public init(path: String) throws(LobbyCoreError) {
        self.path = path
        var steering = Steering()
        if FileManager.default.fileExists(atPath: path) {
            let text = try TextFile.read(path)
            do {
                steering = try Self.decoder.decode(Steering.self, from: Data(text.utf8))
            } catch {
                throw .unreadable(file: path, reason: Messages.Daemon.notSteering("\(error)").description)
            }
        }
        current = Mutex(steering)
    }

    public var snapshot: Steering { current.withLock { $0 } }

    /// Applies `change`, writes the result beside the file, calls `record` (the operator's event,
    /// written durably), then puts the new file in place and makes the change visible. Nothing
    /// takes effect that was not both saved and recorded: a file that cannot be written leaves no
    /// event; an event that cannot be written, or a stop or crash while it waits, leaves the
    /// file as it was.
    public func update<T>(_ change: (inout Steering) throws -> T, record: (T) throws -> Void = { _ in }) throws -> T {
        try changing.withLock { _ in
            var changed = current.withLock { $0 }
            let result = try change(&changed)
            let prepared = try AtomicFile.prepare(Array(try Self.encoder.encode(changed)), for: path, mode: 0o640)
            do {
                try record(result)
            } catch {
                prepared.discard()
                throw error
            }
            try prepared.commit()
            current.withLock { $0 = changed }
            return result
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
