/// One column of a result: its name and PostgreSQL type.
public struct PostgresColumn: Hashable, Sendable {
    /// The column name as the server reports it (the alias, if the query gave one).
    public let name: String
    /// The column's type.
    public let dataType: PostgresDataType
}
