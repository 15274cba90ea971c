import Foundation
import LobbyCore

/// One lobbyd per state directory: an exclusive `flock` on `lobbyd.lock`, released when the
/// process ends however it ends, so a stale lock file never blocks a restart.
struct InstanceLock {
    let path: String
    private let descriptor: Int32

    init(directory: String) throws {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = "\(directory)/lobbyd.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw LobbyDaemonError.cannotStart(
                Messages.Daemon.lockFile(path, Messages.System.error(errno).description).description)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw LobbyDaemonError.alreadyRunning(lockFile: path)
        }
    }

    func release() {
        close(descriptor)
    }
}
