/// A snapshot of a ``PostgresPool``'s counters.
public struct PostgresPoolStatistics: Sendable, Equatable {
    /// Open connections nobody uses.
    public var idle: Int
    /// Connections lent to callers.
    public var leased: Int
    /// Connections being opened.
    public var opening: Int
    /// Callers waiting for a connection.
    public var waiting: Int

    /// A snapshot with these counters.
    public init(idle: Int, leased: Int, opening: Int, waiting: Int) {
        self.idle = idle
        self.leased = leased
        self.opening = opening
        self.waiting = waiting
    }
}
