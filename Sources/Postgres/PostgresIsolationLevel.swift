/// The isolation level of a transaction.
public enum PostgresIsolationLevel: String, Sendable, CaseIterable {
    /// Each statement sees data committed before it began (PostgreSQL's default).
    case readCommitted = "READ COMMITTED"
    /// All statements see one snapshot; conflicting writes fail with SQLSTATE 40001.
    case repeatableRead = "REPEATABLE READ"
    /// As if transactions ran one after another; conflicts fail with SQLSTATE 40001.
    case serializable = "SERIALIZABLE"

    /// The `BEGIN` statement for this level.
    var beginStatement: String { "BEGIN ISOLATION LEVEL \(rawValue)" }
}
