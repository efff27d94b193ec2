import CLibPQ

/// Owns one `PGresult` of a successful statement; `deinit` frees it.
///
/// `@unchecked Sendable`: libpq documents a `PGresult` as read-only after creation and safe to
/// pass between threads; this class only reads it after `init` and frees it in `deinit`.
final class PostgresResult: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Number of rows.
    let rowCount: Int
    /// The columns, in order.
    let columns: [PostgresColumn]
    /// Column index by exact name; the first of duplicate names wins.
    let columnIndexByName: [String: Int]
    /// The command tag, e.g. `INSERT 0 1`.
    let commandTag: String
    /// Rows affected by INSERT/UPDATE/DELETE/MERGE/SELECT/MOVE/FETCH/COPY, else 0.
    let affectedRowCount: Int

    /// Takes ownership of `handle`.
    init(taking handle: OpaquePointer) {
        self.handle = handle
        rowCount = Int(PQntuples(handle))
        let columnCount = Int(PQnfields(handle))
        var columns: [PostgresColumn] = []
        var indexByName: [String: Int] = [:]
        columns.reserveCapacity(columnCount)
        for index in 0..<columnCount {
            let name = PQfname(handle, Int32(index)).map { String(cString: $0) } ?? ""
            columns.append(PostgresColumn(name: name, dataType: PostgresDataType(rawValue: PQftype(handle, Int32(index)))))
            if indexByName[name] == nil { indexByName[name] = index }
        }
        self.columns = columns
        columnIndexByName = indexByName
        commandTag = PQcmdStatus(handle).map { String(cString: $0) } ?? ""
        affectedRowCount = PQcmdTuples(handle).flatMap { Int(String(cString: $0)) } ?? 0
    }

    deinit {
        PQclear(handle)
    }

    /// Whether the value at (`row`, `column`) is SQL NULL.
    func isNull(row: Int, column: Int) -> Bool {
        PQgetisnull(handle, Int32(row), Int32(column)) == 1
    }

    /// Lends the binary value at (`row`, `column`); empty for NULL.
    func withValue<R, E: Error>(
        row: Int, column: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        guard length > 0, let pointer = PQgetvalue(handle, Int32(row), Int32(column)) else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeRawBufferPointer(start: UnsafeRawPointer(pointer), count: length))
    }
}
