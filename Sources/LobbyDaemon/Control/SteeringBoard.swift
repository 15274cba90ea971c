import Foundation
import LobbyCore
import Synchronization

/// The steering shared between the control server (writes) and the player (reads every tick),
/// saved to the state directory on each change so that a restart obeys it too.
public final class SteeringBoard: Sendable {
    private let current: Mutex<Steering>
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

    /// Applies `change` and saves the result; the change is undone if it cannot be saved.
    public func update<T>(_ change: (inout Steering) throws -> T) throws -> T {
        try current.withLock { steering in
            var changed = steering
            let result = try change(&changed)
            try AtomicFile.write(Array(try Self.encoder.encode(changed)), to: path, mode: 0o640)
            steering = changed
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
