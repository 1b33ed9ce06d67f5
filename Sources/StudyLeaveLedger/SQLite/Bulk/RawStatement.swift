import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for the bulk paths (import, rebuild) and
/// the event reads (`rawEvents`):
/// GRDB's `Row` and `StatementArguments` box every value, which costs more than SQLite itself
/// when millions of rows pass (Docs/PERFORMANCE.md). Used on the connection's own thread, inside
/// a GRDB transaction, and finalized when released.
final class RawStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String

    init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "closed connection") }
        var h: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &h, nil)
        guard code == SQLITE_OK, let h else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.handle = h
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding (1-based, as SQLite counts)

    func bind(_ i: Int32, _ value: Int64) { sqlite3_bind_int64(handle, i, value) }

    func bindNull(_ i: Int32) { sqlite3_bind_null(handle, i) }

    /// Text the caller keeps alive until the next `step()`.
    func bind(_ i: Int32, text: UnsafeBufferPointer<UInt8>) {
        // SQLITE_STATIC (nil): no copy; the bytes outlive the step by contract.
        guard let base = text.baseAddress, text.count > 0 else { sqlite3_bind_text(handle, i, "", 0, nil); return }
        sqlite3_bind_text(handle, i, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(text.count), nil)
    }

    func bind(_ i: Int32, _ text: String?) {
        guard var text else { sqlite3_bind_null(handle, i); return }
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { sqlite3_bind_text(handle, i, "", 0, nil); return }
            // SQLITE_TRANSIENT: SQLite copies the bytes.
            sqlite3_bind_text(handle, i, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                              unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self))
        }
    }

    // MARK: Stepping

    /// One step: true when a row is ready, false when done.
    @discardableResult
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        let error = DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        sqlite3_reset(handle)
        throw error
    }

    /// Runs a write to the end and readies the statement for the next bindings.
    func execute() throws {
        defer { sqlite3_reset(handle) }
        try step()
    }

    /// Readies the statement for new bindings (after reading a query's rows).
    func reset() { sqlite3_reset(handle) }

    // MARK: Columns (0-based, as SQLite counts)

    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

    /// The column's UTF-8 bytes, valid until the next step.
    func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let p = sqlite3_column_text(handle, i) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, i)))
    }

    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }

    func string(_ i: Int32) -> String { String(decoding: bytes(i), as: UTF8.self) }
}
