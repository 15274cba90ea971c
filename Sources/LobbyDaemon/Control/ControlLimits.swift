import LobbyCore
import Synchronization

/// How many connections and watchers there are, in all and per user, shared by every
/// connection's handler. One user cannot lock the others out: a user other than root holds at
/// most `perUser` connections and `perUserWatchers` watchers, and the last `reservedForRoot`
/// connections are root's, so the technician can always get in.
final class ControlLimits: Sendable {
    static let perUser = 16
    static let perUserWatchers = 4
    static let reservedForRoot = 8

    private struct Counts {
        var clients = 0
        var watchers = 0
        var byUser: [UInt32: (clients: Int, watchers: Int)] = [:]
    }

    private let counts = Mutex(Counts())

    /// Takes a connection slot for `uid`, or says why not.
    func admit(_ uid: UInt32) -> String? {
        counts.withLock { counts in
            let mine = counts.byUser[uid, default: (0, 0)]
            let limit =
                uid == 0 ? ControlProtocol.maximumClients : ControlProtocol.maximumClients - Self.reservedForRoot
            if counts.clients >= limit { return Messages.Daemon.tooManyConnections(counts.clients).description }
            if uid != 0 && mine.clients >= Self.perUser {
                return Messages.Daemon.tooManyFromUser(Self.perUser).description
            }
            counts.clients += 1
            counts.byUser[uid] = (mine.clients + 1, mine.watchers)
            return nil
        }
    }

    func release(_ uid: UInt32) {
        counts.withLock { counts in
            counts.clients -= 1
            let mine = counts.byUser[uid, default: (1, 0)]
            counts.byUser[uid] = mine.clients <= 1 && mine.watchers == 0 ? nil : (mine.clients - 1, mine.watchers)
        }
    }

    /// Takes a watcher slot for `uid`, or says why not.
    func admitWatcher(_ uid: UInt32) -> String? {
        counts.withLock { counts in
            let mine = counts.byUser[uid, default: (0, 0)]
            if counts.watchers >= ControlProtocol.maximumWatchers { return Messages.Daemon.tooManyWatchers.description }
            if uid != 0 && mine.watchers >= Self.perUserWatchers {
                return Messages.Daemon.tooManyWatchersFromUser(Self.perUserWatchers).description
            }
            counts.watchers += 1
            counts.byUser[uid] = (mine.clients, mine.watchers + 1)
            return nil
        }
    }

    func releaseWatcher(_ uid: UInt32) {
        counts.withLock { counts in
            counts.watchers -= 1
            let mine = counts.byUser[uid, default: (0, 1)]
            counts.byUser[uid] = (mine.clients, mine.watchers - 1)
        }
    }
}
