import Foundation

/// Names the calling thread as `ps -L`, `top -H` and gdb show it (15 bytes at most). Foundation's
/// `Thread.name` does not reliably reach the kernel on Linux; glibc's call does.
public enum ThreadName {
    public static func set(_ name: String) {
        _ = setThreadName(pthread_self(), String(name.utf8.prefix(15)) ?? name)
    }
}

// glibc's pthread_setname_np, which Swift's Glibc module does not import (it needs _GNU_SOURCE).
@_silgen_name("pthread_setname_np")
private func setThreadName(_ thread: pthread_t, _ name: UnsafePointer<CChar>) -> Int32
