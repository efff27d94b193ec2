import Logging
import Synchronization

/// A bounded pool of PostgreSQL connections, opened lazily and shared by any number of tasks.
///
/// ```swift
/// let pool = try PostgresPool(configuration: configuration, logger: logger)
/// let rows = try await pool.query("SELECT id FROM orders WHERE customer_id = $1", [.text(id)])
/// try await pool.withTransaction { connection in … }
/// await pool.close()
/// ```
///
/// At most ``PostgresConfiguration/poolSize`` connections exist; further callers wait, first
/// come first served, up to ``PostgresConfiguration/acquireTimeout`` (then `acquireTimeout`).
/// A connection that broke (server restart, `pg_terminate_backend`, network) or was left inside
/// a transaction is closed when it comes back, and an idle one is checked before it is handed
/// out, so once the server is reachable again the next request gets a working connection. The
/// statement that met the broken connection fails with a retriable `connectionClosed`.
public final class PostgresPool: Sendable {
    /// The configuration the pool was made with.
    public let configuration: PostgresConfiguration
    private let logger: Logger
    private let storage: Mutex<Storage>

    private struct Waiter {
        var continuation: CheckedContinuation<Result<PostgresConnection, PostgresError>, Never>
        var timer: Task<Void, Never>?
    }

    private struct Storage {
        var state: PostgresPoolState<PostgresConnection>
        var waiters: [UInt64: Waiter] = [:]
        var nextWaiterID: UInt64 = 1
    }

    /// A pool for `configuration`; no connection is opened yet. Throws `invalidConfiguration`.
    public init(configuration: PostgresConfiguration, logger: Logger = .disabled) throws(PostgresError) {
        try configuration.validate()
        self.configuration = configuration
        var poolLogger = logger
        if let parameters = try? ConnectionParameters(parsing: configuration.url) {
            poolLogger[metadata: "db_host"] = .string(parameters.host ?? "default")
            poolLogger[metadata: "db_name"] = .string(configuration.databaseName ?? parameters.database ?? "default")
        }
        self.logger = poolLogger
        storage = Mutex(Storage(state: PostgresPoolState(maximumConnections: configuration.poolSize)))
    }

    // MARK: Using connections

    /// Lends a connection to `body` and takes it back afterwards, also when `body` throws.
    ///
    /// Throws `body`'s errors, and ``PostgresError``s with codes `acquireTimeout`, `poolClosed`,
    /// `connectionFailed` or `cancelled` when no connection could be had. Do not use the
    /// connection after `body` returns.
    @discardableResult
    nonisolated(nonsending)
    public func withConnection<Value>(_ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        let connection = try await leaseConnection()
        do {
            let value = try await body(connection)
            release(connection)
            return value
        } catch {
            release(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction on a pooled connection: `COMMIT` when it returns, `ROLLBACK`
    /// when it throws (see ``PostgresConnection/withTransaction(isolation:_:)``).
    @discardableResult
    nonisolated(nonsending)
    public func withTransaction<Value>(
        isolation: PostgresIsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        try await withConnection { connection in
            try await connection.withTransaction(isolation: isolation, body)
        }
    }

    /// Runs one statement on a pooled connection and returns its rows.
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) async throws(PostgresError) -> PostgresRows {
        let connection = try await leaseConnection()
        defer { release(connection) }
        return try await connection.query(sql, parameters)
    }

    /// Runs one statement on a pooled connection and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = []) async throws(PostgresError) -> Int {
        try await query(sql, parameters).affectedRowCount
    }

    /// Runs a multi-statement script (migrations) on a pooled connection.
    public func executeScript(_ sql: String) async throws(PostgresError) {
        let connection = try await leaseConnection()
        defer { release(connection) }
        try await connection.executeScript(sql)
    }

    /// Closes the pool: waiting callers fail with `poolClosed`, idle connections close now, and
    /// connections in use close when they come back. Later calls fail with `poolClosed`.
    public func close() async {
        let (action, waiters) = storage.withLock { storage in
            let action = storage.state.close()
            let waiters = action.failWaiters.compactMap { storage.waiters.removeValue(forKey: $0) }
            return (action, waiters)
        }
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: .failure(.poolClosed()))
        }
        for connection in action.closeConnections {
            await connection.close()
        }
        logger.debug("PostgreSQL pool closed", ["closed_connections": .integer(action.closeConnections.count)])
    }

    /// A snapshot of the pool's counters, for metrics and tests.
    public var statistics: PostgresPoolStatistics {
        storage.withLock { storage in
            PostgresPoolStatistics(
                idle: storage.state.idle.count, leased: storage.state.leasedCount,
                opening: storage.state.openingCount, waiting: storage.state.waiters.count)
        }
    }

    // MARK: Leasing

    /// A connection that is fit for use: idle ones are checked first, and dead ones replaced.
    private func leaseConnection() async throws(PostgresError) -> PostgresConnection {
        while true {
            let (connection, wasIdle) = try await leaseOnce().get()
            if !wasIdle { return connection }
            if await connection.checkAlive() { return connection }
            logger.notice(
                "PostgreSQL connection was closed by the server while idle; replacing it",
                ["backend_pid": .integer(connection.backendProcessID)])
            release(connection)
        }
    }

    private enum LeaseStep {
        case resume(Result<(PostgresConnection, Bool), PostgresError>)
        case wait(openConnection: Bool)
    }

    /// One attempt: an idle connection at once (`true`), or a wait for one handed over (`false`).
    private func leaseOnce() async -> Result<(PostgresConnection, Bool), PostgresError> {
        let id = storage.withLock { storage in
            defer { storage.nextWaiterID += 1 }
            return storage.nextWaiterID
        }
        let handed: Result<PostgresConnection, PostgresError>
        var wasIdle = false
        handed = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let step = storage.withLock { storage -> LeaseStep in
                    // Checked under the lock: a cancellation handler that ran before the waiter
                    // was stored has found nothing to remove.
                    if Task.isCancelled { return .resume(.failure(.cancelled())) }
                    switch storage.state.lease(waiter: id) {
                    case .use(let connection):
                        return .resume(.success((connection, true)))
                    case .fail(let error):
                        return .resume(.failure(error))
                    case .wait:
                        storage.waiters[id] = Waiter(continuation: continuation)
                        return .wait(openConnection: false)
                    case .waitAndOpenConnection:
                        storage.waiters[id] = Waiter(continuation: continuation)
                        return .wait(openConnection: true)
                    }
                }
                switch step {
                case .resume(.success((let connection, _))):
                    wasIdle = true
                    continuation.resume(returning: .success(connection))
                case .resume(.failure(let error)):
                    continuation.resume(returning: .failure(error))
                case .wait(let openConnection):
                    startTimer(for: id)
                    if openConnection { openConnectionInBackground() }
                }
            }
        } onCancel: {
            failWaiter(id, with: .cancelled())
        }
        return handed.map { ($0, wasIdle) }
    }

    private func startTimer(for id: UInt64) {
        let timeout = configuration.acquireTimeout
        let timer = Task { [weak self] in
            do {
                try await Task.sleep(for: timeout)
            } catch {
                return
            }
            self?.failWaiter(
                id,
                with: PostgresError(
                    code: .acquireTimeout,
                    message: "no pooled connection became free within \(timeout); the pool of \(self?.configuration.poolSize ?? 0) is busy"))
        }
        let stillWaiting = storage.withLock { storage in
            guard storage.waiters[id] != nil else { return false }
            storage.waiters[id]?.timer = timer
            return true
        }
        if !stillWaiting { timer.cancel() }
    }

    private func failWaiter(_ id: UInt64, with error: PostgresError) {
        let waiter = storage.withLock { storage -> Waiter? in
            guard storage.state.removeWaiter(id) else { return nil }
            return storage.waiters.removeValue(forKey: id)
        }
        guard let waiter else { return }
        waiter.timer?.cancel()
        waiter.continuation.resume(returning: .failure(error))
    }

    // MARK: Returning and opening

    private func release(_ connection: PostgresConnection) {
        let reusable = connection.isReusable
        if !reusable {
            logger.notice(
                "PostgreSQL connection discarded: it broke or was left inside a transaction",
                ["backend_pid": .integer(connection.backendProcessID)])
        }
        transition { $0.release(connection, reusable: reusable) }
    }

    private func openConnectionInBackground() {
        Task {
            do throws(PostgresError) {
                let connection = try await PostgresConnection.connect(configuration: configuration, logger: logger)
                logger.debug(
                    "PostgreSQL connection opened",
                    ["backend_pid": .integer(connection.backendProcessID), "server_version": .string(connection.serverVersion)])
                transition { $0.connectionOpened(connection) }
            } catch {
                logger.warning("PostgreSQL connection failed", ["error": .string(error.debugDescription)])
                transition { $0.connectionFailedToOpen(error) }
            }
        }
    }

    /// What a state transition asks for, with the waiters' continuations already taken out of
    /// the storage under the same lock.
    private struct Followup {
        var handOver: (PostgresConnection, Waiter)?
        var failure: (Waiter, PostgresError)?
        var close: PostgresConnection?
        var openConnection: Bool
    }

    /// Applies `event` to the state under the lock, then carries out its action outside it.
    private func transition(
        _ event: (inout PostgresPoolState<PostgresConnection>) -> PostgresPoolState<PostgresConnection>.Action
    ) {
        let followup = storage.withLock { storage -> Followup in
            let action = event(&storage.state)
            var followup = Followup(close: action.close, openConnection: action.openConnection)
            if let (connection, id) = action.handOver {
                if let waiter = storage.waiters.removeValue(forKey: id) {
                    followup.handOver = (connection, waiter)
                } else {
                    // Cannot happen: the state and the waiter records change under one lock.
                    // Should it, close the connection and give its slot back.
                    let repair = storage.state.release(connection, reusable: false)
                    followup.close = connection
                    followup.openConnection = followup.openConnection || repair.openConnection
                }
            }
            if let (id, error) = action.failWaiter, let waiter = storage.waiters.removeValue(forKey: id) {
                followup.failure = (waiter, error)
            }
            return followup
        }
        if let (connection, waiter) = followup.handOver {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: .success(connection))
        }
        if let (waiter, error) = followup.failure {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: .failure(error))
        }
        if let connection = followup.close {
            Task { await connection.close() }
        }
        if followup.openConnection {
            openConnectionInBackground()
        }
    }
}
