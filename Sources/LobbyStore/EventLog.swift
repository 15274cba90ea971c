import Foundation
import GRDB
import LobbyCore

/// What to record: the caller's view of an event, before it joins the chain.
public struct EventEntry: Sendable, Equatable {
    public var date: Date
    public var kind: EventKind
    public var detail: [String: String]
    public var actor: String

    public init(date: Date, kind: EventKind, detail: [String: String] = [:], actor: String = "daemon") {
        self.date = date
        self.kind = kind
        self.detail = detail
        self.actor = actor
    }
}

/// The append-only, tamper-evident event log (docs/ARCHITECTURE.md): one GRDB `DatabasePool`
/// on the system SQLite in WAL mode, `synchronous=FULL` (a commit is on disk when it returns: the
/// hall's power cuts must not take the last events with them), a busy timeout, and every write in an
/// IMMEDIATE transaction (GRDB 7 chooses that kind for pool writes itself). Triggers refuse UPDATE and DELETE, and a SHA-256 chain over the rows
/// lets `verify()` name the first row that was changed behind the triggers' back.
public final class EventLog: Sendable {
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating if needed) and migrates the log at `path`.
    public init(path: String) throws(LobbyStoreError) {
        self.path = path
        try? FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        // Created 0640 here, before SQLite creates it 0644 (under systemd the unit's umask does
        // this, not by hand): SQLite gives the -wal and -shm files the database's own mode, and
        // a read lock anyone could take on -shm would stall every write.
        let created = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        if created >= 0 { close(created) }
        // One an earlier release (or a run by hand) left readable by others is closed too.
        for file in [path, "\(path)-wal", "\(path)-shm"] {
            var status = stat()
            if lstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mode & 0o007 != 0 {
                chmod(file, status.st_mode & 0o770)
            }
        }
        var configuration = GRDB.Configuration()
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // After the pool is open: GRDB sets `synchronous = NORMAL` on the writer when it turns
            // WAL on, which would lose the last commits in a power cut.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.migrator.migrate(pool)
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw .corrupt(path: path, reason: error.message ?? "\(error.resultCode)")
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Opens an existing log to read it: read-only, nothing created or written, unless an older
    /// release wrote it and its schema must be brought up to date first (which needs write
    /// access, as before).
    public static func reading(_ path: String) throws(LobbyStoreError) -> EventLog {
        let log = try EventLog(readingAt: path)
        let current = (try? log.pool.read { db in try migrator.hasCompletedMigrations(db) }) ?? false
        return current ? log : try EventLog(path: path)
    }

    private init(readingAt path: String) throws(LobbyStoreError) {
        self.path = path
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw .corrupt(path: path, reason: error.message ?? "\(error.resultCode)")
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// The schema, one named migration per change; migrations are never edited once released.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        ts TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        detail TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        previous_hash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );
                    CREATE INDEX events_by_time ON events(ts);
                    CREATE INDEX events_by_kind ON events(kind, ts);
                    CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    """)
        }
        migrator.registerMigration("v2-retention") { db in
            // Retention may delete the oldest rows, and only up to the latest checkpoint, which
            // records the hash of the last row removed so the rest of the chain still verifies.
            try db.execute(
                sql: """
                    CREATE TABLE retention_checkpoints (
                        up_to_id INTEGER NOT NULL,
                        hash TEXT NOT NULL,
                        ts TEXT NOT NULL
                    );
                    CREATE TRIGGER retention_append_only_update BEFORE UPDATE ON retention_checkpoints
                        BEGIN SELECT RAISE(ABORT, 'retention checkpoints are append-only'); END;
                    CREATE TRIGGER retention_append_only_delete BEFORE DELETE ON retention_checkpoints
                        BEGIN SELECT RAISE(ABORT, 'retention checkpoints are append-only'); END;
                    DROP TRIGGER events_append_only_delete;
                    CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                        WHEN OLD.id > (SELECT COALESCE(MAX(up_to_id), 0) FROM retention_checkpoints)
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    """)
        }
        return migrator
    }

    static let genesis = String(repeating: "0", count: 64)

    /// Appends one event to the chain and returns its row id; durable when this returns.
    @discardableResult
    public func append(_ entry: EventEntry) throws(LobbyStoreError) -> Int64 {
        try appendBatch([entry])
    }

    /// Appends events in order in one transaction (a backlog, a bulk import) and returns the last
    /// row id; all or none are written.
    @discardableResult
    public func appendBatch(_ entries: [EventEntry]) throws(LobbyStoreError) -> Int64 {
        do {
            return try pool.write { db in
                var previous =
                    try String.fetchOne(db, sql: "SELECT CAST(hash AS TEXT) FROM events ORDER BY id DESC LIMIT 1")
                    ?? Self.genesis
                for entry in entries {
                    let ts = EventTime.format(entry.date)
                    let detail = Self.json(entry.detail)
                    let hash = StoredEvent.chainHash(
                        previous: previous, ts: ts, kind: entry.kind.rawValue, detail: detail, actor: entry.actor)
                    let event = StoredEvent(
                        id: nil, ts: ts, kind: entry.kind.rawValue, detail: detail, actor: entry.actor,
                        previousHash: previous, hash: hash)
                    try event.insert(db)
                    previous = hash
                }
                return db.lastInsertedRowID
            }
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }

    /// Events in `[since, until)`, optionally of some kinds, oldest first, a page at a time.
    public func events(since: Date? = nil, until: Date? = nil, kinds: [String] = [], limit: Int = 1000, offset: Int = 0)
        throws(LobbyStoreError) -> [StoredEvent]
    {
        do {
            return try pool.read { db in
                var request = StoredEvent.order(Column("id"))
                if let since { request = request.filter(Column("ts") >= EventTime.format(since)) }
                if let until { request = request.filter(Column("ts") < EventTime.format(until)) }
                if !kinds.isEmpty { request = request.filter(kinds.contains(Column("kind"))) }
                return try request.limit(limit, offset: offset).fetchAll(db)
            }
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }

    /// A read transaction on the pool, for the log's other readers (reports).
    func readPool<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// An IMMEDIATE write transaction on the pool (retention).
    func writePool<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    /// A JSON object with sorted keys, so the same detail always hashes the same. Written
    /// directly: JSONEncoder per event was a large part of an append's cost.
    static func json(_ detail: [String: String]) -> String {
        "{" + detail.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(quoted($0.value))" }.joined(separator: ",")
            + "}"
    }

    /// The reverse of `json(_:)`: a flat object of strings without escapes, as lobbyd writes
    /// nearly every detail; `nil` for anything else, which the caller then gives to a full JSON
    /// parser.
    static func flatJSON(_ bytes: UnsafeRawBufferPointer) -> [String: String]? {
        var result: [String: String] = [:]
        let read = flatJSON(bytes) { key, value in
            result[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
        }
        return read ? result : nil
    }

    /// Reads a flat object of strings without escapes in place, giving `visit` each key and
    /// value as bytes; false (after any number of visits) for anything else. A month's report
    /// reads every proof-of-play detail this way.
    static func flatJSON(
        _ bytes: UnsafeRawBufferPointer,
        _ visit: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        var index = 0
        func next() -> UInt8? { index < bytes.count ? bytes[index] : nil }
        func string() -> UnsafeRawBufferPointer? {
            guard next() == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while let byte = next(), byte != UInt8(ascii: "\"") {
                // An escape or a raw control character: the full parser's to read or refuse.
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            guard next() != nil else { return nil }
            defer { index += 1 }
            return UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        }
        guard next() == UInt8(ascii: "{") else { return false }
        index += 1
        if next() == UInt8(ascii: "}") { return index + 1 == bytes.count }
        while true {
            guard let key = string(), next() == UInt8(ascii: ":") else { return false }
            index += 1
            guard let value = string() else { return false }
            visit(key, value)
            switch next() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): return index + 1 == bytes.count
            default: return false
            }
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
