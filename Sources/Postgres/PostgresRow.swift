import Foundation

/// One row of a result. Decode its columns by name or by index:
///
/// ```swift
/// let id = try row.decode(column: "id", as: Int64.self)
/// let note = try row.decode(column: 2, as: String?.self)   // nil for NULL
/// ```
public struct PostgresRow: Sendable {
    private let result: PostgresResult
    /// The row's position in its result, from 0.
    public let index: Int

    init(result: PostgresResult, index: Int) {
        self.result = result
        self.index = index
    }

    /// The result's columns.
    public var columns: [PostgresColumn] { result.columns }

    /// The value of the column named `name` (exact spelling; the first of duplicate names).
    ///
    /// Throws `decodingFailed` naming the column, the Swift type and the PostgreSQL type when the
    /// value is NULL for a non-optional type or cannot be read as `type`.
    public func decode<Value: PostgresDecodable>(
        column name: String, as type: Value.Type = Value.self
    ) throws(PostgresError) -> Value {
        try decode(column: try columnIndex(named: name, expected: type), as: type)
    }

    /// The value of the column at `column` (from 0).
    public func decode<Value: PostgresDecodable>(
        column: Int, as type: Value.Type = Value.self
    ) throws(PostgresError) -> Value {
        guard result.columns.indices.contains(column) else {
            throw PostgresError(
                code: .decodingFailed,
                message: "cannot decode column index \(column) as \(String(describing: type)): "
                    + "the row has \(result.columns.count) columns")
        }
        let cell = PostgresCell(result: result, row: index, column: column)
        if cell.isNull { return try Value.postgresNull(cell) }
        return try Value(postgresCell: cell)
    }

    /// Decodes a `json`, `jsonb` or text column with `JSONDecoder`; SQL NULL is an error.
    public func decodeJSON<Value: Decodable>(
        column name: String, as type: Value.Type = Value.self, decoder: JSONDecoder = JSONDecoder()
    ) throws(PostgresError) -> Value {
        let column = try columnIndex(named: name, expected: type)
        let cell = PostgresCell(result: result, row: index, column: column)
        let json = try decode(column: column, as: Data.self)
        do {
            return try decoder.decode(type, from: json)
        } catch {
            // The underlying error can quote the document, so only its kind is kept.
            throw cell.decodingError(expected: type, reason: "the JSON does not match the type (\(Self.kind(of: error)))")
        }
    }

    /// Whether the column named `name` is SQL NULL.
    public func isNull(column name: String) throws(PostgresError) -> Bool {
        let column = try columnIndex(named: name, expected: Any.self)
        return result.isNull(row: index, column: column)
    }

    private func columnIndex(named name: String, expected: Any.Type) throws(PostgresError) -> Int {
        guard let column = result.columnIndexByName[name] else {
            let known = result.columns.map(\.name).joined(separator: ", ")
            throw PostgresError(
                code: .decodingFailed,
                message: "cannot decode column \"\(name)\" as \(String(describing: expected)): "
                    + "the result has no such column (columns: \(known))",
                columnName: name)
        }
        return column
    }

    private static func kind(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "invalid JSON" }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context))"
        case .keyNotFound(let key, let context):
            return "missing key \"\(key.stringValue)\" at \(path(context))"
        case .dataCorrupted(let context):
            return "invalid JSON at \(path(context))"
        @unknown default:
            return "invalid JSON"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "the top level" : path
    }
}
