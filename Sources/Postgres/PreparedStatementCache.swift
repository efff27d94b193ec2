import CLibPQ

/// The named prepared statements of one connection, keyed by SQL text and parameter types.
///
/// Bounded: once full, further statements run unprepared, so a program that builds SQL text
/// dynamically cannot grow it without limit. A server-side statement whose cached plan broke
/// (its result type changed after DDL) is forgotten and prepared again under a new name.
struct PreparedStatementCache {
    /// What identifies a prepared statement: the same text with other parameter types needs
    /// another one.
    struct Key: Hashable {
        var sql: String
        var parameterTypes: [Oid]
    }

    /// The most statements kept; 0 disables preparing.
    let capacity: Int
    private var names: [Key: String] = [:]
    private var nextNumber = 1

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The server-side name of the statement for `key`, if prepared.
    func name(for key: Key) -> String? {
        names[key]
    }

    /// Whether another statement may be prepared.
    var hasRoom: Bool { names.count < capacity }

    /// A fresh statement name for this connection.
    mutating func makeName() -> String {
        defer { nextNumber += 1 }
        return "support_statement_\(nextNumber)"
    }

    /// Records that `name` is prepared for `key`.
    mutating func insert(_ name: String, for key: Key) {
        names[key] = name
    }

    /// Forgets the statement for `key`.
    mutating func remove(_ key: Key) {
        names[key] = nil
    }

    /// Number of statements prepared.
    var count: Int { names.count }
}
