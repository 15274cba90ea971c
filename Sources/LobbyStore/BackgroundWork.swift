import Foundation
import LobbyCore
import Synchronization

/// Work started on a thread of its own and waited for later: a month's report checks the hash
/// chain on a second core while it reads the rest, `verify-log` reads and checks the anchors
/// while it checks the chain. The thread ends when the work does, whether or not anyone waits
/// for it.
public final class BackgroundWork<Value: Sendable>: Sendable {
    private let outcome = Mutex<Result<Value, LobbyStoreError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () throws(LobbyStoreError) -> Value) {
        // The caller's language (a task-local value, which a new thread does not inherit), so
        // that what the work words reads as the rest of the caller's output does.
        let language = Language.scoped
        Thread { [self] in
            ThreadName.set("lobby-chain")
            let result = Language.$scoped.withValue(language) {
                Result<Value, LobbyStoreError> { () throws(LobbyStoreError) in try work() }
            }
            outcome.withLock { $0 = result }
            done.signal()
        }.start()
    }

    /// The work's value, or its error, once it has ended.
    public func value() throws(LobbyStoreError) -> Value {
        done.wait()
        // Signalled once: a second wait must not block.
        done.signal()
        return try outcome.withLock { $0! }.get()
    }
}
