/// One value of a row, handed to ``PostgresDecodable`` conformances.
///
/// Values arrive in PostgreSQL's binary format; ``withUnsafeBytes(_:)`` lends them for the
/// duration of a closure.
public struct PostgresCell: Sendable {
    private let result: PostgresResult
    private let row: Int
    /// The column's position, from 0.
    public let columnIndex: Int

    init(result: PostgresResult, row: Int, column: Int) {
        self.result = result
        self.row = row
        self.columnIndex = column
    }

    /// The column's name.
    public var columnName: String { result.columns[columnIndex].name }

    /// The column's PostgreSQL type.
    public var dataType: PostgresDataType { result.columns[columnIndex].dataType }

    /// Whether the value is SQL NULL.
    public var isNull: Bool { result.isNull(row: row, column: columnIndex) }

    /// Lends the value's bytes in PostgreSQL's binary format (empty for NULL).
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try result.withValue(row: row, column: columnIndex, body)
    }

    /// A `decodingFailed` error naming this column, its PostgreSQL type and `expected`.
    ///
    /// `reason` must not quote the value: error descriptions are logged.
    public func decodingError(expected: Any.Type, reason: String) -> PostgresError {
        PostgresError(
            code: .decodingFailed,
            message: "cannot decode column \"\(columnName)\" (index \(columnIndex), PostgreSQL \(dataType)) "
                + "as \(String(describing: expected)): \(reason)",
            columnName: columnName)
    }

    /// The `decodingFailed` error for a type this Swift type cannot be read from.
    public func unsupportedTypeError(expected: Any.Type) -> PostgresError {
        decodingError(
            expected: expected,
            reason: "this Swift type cannot be read from PostgreSQL \(dataType); cast the column in the query")
    }
}
