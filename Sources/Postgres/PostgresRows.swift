/// The rows of a statement's result, read in full: a random-access collection of
/// ``PostgresRow``.
public struct PostgresRows: RandomAccessCollection, Sendable {
    private let result: PostgresResult

    init(result: PostgresResult) {
        self.result = result
    }

    /// The result's columns.
    public var columns: [PostgresColumn] { result.columns }

    /// The command tag the server sent, e.g. `SELECT 3` or `INSERT 0 1`.
    public var commandTag: String { result.commandTag }

    /// Rows inserted, updated, deleted or selected, as the command tag reports; 0 for others.
    public var affectedRowCount: Int { result.affectedRowCount }

    public var startIndex: Int { 0 }

    public var endIndex: Int { result.rowCount }

    public subscript(position: Int) -> PostgresRow {
        precondition(indices.contains(position), "row index \(position) out of range 0..<\(result.rowCount)")
        return PostgresRow(result: result, index: position)
    }
}
