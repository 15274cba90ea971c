import Foundation
import GRDB
import GRDBSQLite

/// A row of a `RowScan`: its columns read in place from SQLite's own buffers, valid only
/// inside the scan's closure.
struct ScannedRow {
    fileprivate let statement: SQLiteStatement

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// The column's text as bytes (empty for NULL), without a copy.
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        // sqlite3_column_text first: it fixes the encoding that sqlite3_column_bytes counts.
        let text = sqlite3_column_text(statement, column)
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
    }
}

/// The scans that read every row of the log (`verify-log`, the anchors): stepped straight on
/// SQLite, with no `Row`, `String` or `Data` made per row, which was most of their cost.
enum RowScan {
    /// Runs `sql` and gives `body` each row in order until it returns false.
    static func each(
        _ db: Database, _ sql: String, arguments: StatementArguments, _ body: (ScannedRow) throws -> Bool
    ) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let sqlite = statement.sqliteStatement
        // setArguments bound them; stepping starts from the statement's first row.
        defer { sqlite3_reset(sqlite) }
        while true {
            let code = sqlite3_step(sqlite)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                    sql: sql)
            }
            guard try body(ScannedRow(statement: sqlite)) else { return }
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Whether these bytes are `text`'s UTF-8.
    func equals(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { equals(UnsafeRawBufferPointer($0)) }
    }

    /// Whether these bytes are `other`'s (memcmp: a generic comparison was a tenth of a scan).
    func equals(_ other: UnsafeRawBufferPointer) -> Bool {
        count == other.count && (count == 0 || memcmp(baseAddress!, other.baseAddress!, count) == 0)
    }
}
