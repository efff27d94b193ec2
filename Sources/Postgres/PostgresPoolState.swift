/// The bookkeeping of ``PostgresPool``: idle connections, how many are leased or being opened,
/// who waits, and whether the pool is closed. A value type without I/O; each event returns the
/// action the pool carries out after releasing its lock, so the rules are tested synchronously.
///
/// Rules: at most `maximumConnections` connections are leased or being opened at once, opened
/// lazily when a caller finds no idle one; idle connections are reused most recently used first
/// (warm prepared statements); waiters are served first come, first served; a connection that
/// comes back unfit is closed, and replaced if someone waits; a failed opening fails the oldest
/// waiter with the connection error instead of letting it wait for its timeout.
struct PostgresPoolState<Connection> {
    /// What a caller asking for a connection does next.
    enum LeaseAction {
        /// Use this idle connection.
        case use(Connection)
        /// Wait for a connection to be handed over.
        case wait
        /// Wait, and open a new connection meanwhile.
        case waitAndOpenConnection
        /// Give up with this error.
        case fail(PostgresError)
    }

    /// What the pool does after a connection was returned, opened or failed to open.
    struct Action {
        /// Hand this connection to this waiter.
        var handOver: (connection: Connection, waiter: UInt64)?
        /// Fail this waiter with this error.
        var failWaiter: (waiter: UInt64, error: PostgresError)?
        /// Close this connection.
        var close: Connection?
        /// Open a new connection.
        var openConnection = false

        static var none: Action { Action() }
    }

    /// The waiters and connections to finish when the pool closes.
    struct CloseAction {
        var failWaiters: [UInt64]
        var closeConnections: [Connection]
    }

    /// The most connections leased or being opened at once.
    let maximumConnections: Int
    private(set) var idle: [Connection] = []
    private(set) var leasedCount = 0
    private(set) var openingCount = 0
    private(set) var waiters: [UInt64] = []
    private(set) var isClosed = false

    init(maximumConnections: Int) {
        self.maximumConnections = maximumConnections
    }

    private var hasCapacity: Bool { leasedCount + openingCount < maximumConnections }

    /// A caller, identified by `waiter`, asks for a connection.
    mutating func lease(waiter: UInt64) -> LeaseAction {
        if isClosed { return .fail(.poolClosed()) }
        if let connection = idle.popLast() {
            leasedCount += 1
            return .use(connection)
        }
        waiters.append(waiter)
        if hasCapacity {
            openingCount += 1
            return .waitAndOpenConnection
        }
        return .wait
    }

    /// A waiter gives up (timeout or cancellation); false if it was already served.
    mutating func removeWaiter(_ waiter: UInt64) -> Bool {
        guard let index = waiters.firstIndex(of: waiter) else { return false }
        waiters.remove(at: index)
        return true
    }

    /// A leased connection comes back; `reusable` is false when it is broken or left inside a
    /// transaction.
    mutating func release(_ connection: Connection, reusable: Bool) -> Action {
        leasedCount -= 1
        guard reusable, !isClosed else {
            var action = Action(close: connection)
            if !isClosed, !waiters.isEmpty, hasCapacity {
                openingCount += 1
                action.openConnection = true
            }
            return action
        }
        return offer(connection)
    }

    /// A new connection is open.
    mutating func connectionOpened(_ connection: Connection) -> Action {
        openingCount -= 1
        if isClosed { return Action(close: connection) }
        return offer(connection)
    }

    /// Opening a connection failed with `error`.
    mutating func connectionFailedToOpen(_ error: PostgresError) -> Action {
        openingCount -= 1
        guard !isClosed, !waiters.isEmpty else { return .none }
        var action = Action(failWaiter: (waiters.removeFirst(), error))
        if !waiters.isEmpty, hasCapacity {
            openingCount += 1
            action.openConnection = true
        }
        return action
    }

    /// Closes the pool: every waiter fails, idle connections close now, leased ones when they
    /// come back, opening ones when they open.
    mutating func close() -> CloseAction {
        isClosed = true
        let action = CloseAction(failWaiters: waiters, closeConnections: idle)
        waiters.removeAll()
        idle.removeAll()
        return action
    }

    private mutating func offer(_ connection: Connection) -> Action {
        guard !waiters.isEmpty else {
            idle.append(connection)
            return .none
        }
        leasedCount += 1
        return Action(handOver: (connection, waiters.removeFirst()))
    }
}
