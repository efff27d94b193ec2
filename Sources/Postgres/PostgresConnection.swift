import Dispatch
import Logging
import Synchronization

/// One connection to PostgreSQL, owning a libpq `PGconn`.
///
/// libpq blocks, so every call runs on a serial dispatch queue of this connection and never on
/// the cooperative thread pool; calls from several tasks are served one at a time, in order.
/// Cancelling the awaiting task sends a cancel request for the running statement (error code
/// `cancelled`) or skips a statement that has not started.
///
/// Usually borrowed from a ``PostgresPool``; ``connect(configuration:logger:)`` opens one alone.
public final class PostgresConnection: Sendable {
    private let connection: LibPQConnection
    private let queue: DispatchQueue
    private let healthState: Mutex<ConnectionHealth>
    private let logger: Logger

    /// The server process serving this connection (`pg_backend_pid()`).
    public let backendProcessID: Int32
    /// The server's version, e.g. `"15.18"`.
    public let serverVersion: String

    private init(connection: LibPQConnection, queue: DispatchQueue, logger: Logger) {
        self.connection = connection
        self.queue = queue
        self.logger = logger
        healthState = Mutex(connection.health)
        backendProcessID = connection.backendProcessID
        serverVersion = connection.serverVersion
    }

    deinit {
        // Closing talks to the server: do it on the queue, never on the releasing thread.
        let connection = self.connection
        queue.async { connection.finish() }
    }

    /// Opens a connection: validates `configuration`, connects within its connect timeout and
    /// sets its statement timeout. Throws `invalidConfiguration` or `connectionFailed`.
    public static func connect(
        configuration: PostgresConfiguration, logger: Logger = .disabled
    ) async throws(PostgresError) -> PostgresConnection {
        try configuration.validate()
        let queue = DispatchQueue(label: "postgres.connection")
        let opened: Result<LibPQConnection, PostgresError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: LibPQConnection.open(configuration: configuration, logger: logger))
            }
        }
        let connection = try opened.get()
        var connectionLogger = logger
        connectionLogger[metadata: "backend_pid"] = .integer(connection.backendProcessID)
        return PostgresConnection(connection: connection, queue: queue, logger: connectionLogger)
    }

    // MARK: Statements

    /// Runs one statement with bound parameters (`$1`, `$2`, …) and returns all its rows.
    ///
    /// The statement is prepared once per connection and reused (see
    /// ``PostgresConfiguration/preparedStatementCacheCapacity``).
    public func query(_ sql: String, _ parameters: [PostgresValue] = []) async throws(PostgresError) -> PostgresRows {
        let bound = try BoundParameters(parameters)
        let result = try await perform(cancellable: true) { connection, cancellation in
            connection.execute(sql, parameters: bound, cancellation: cancellation)
        }.get()
        return PostgresRows(result: result)
    }

    /// Runs one statement with bound parameters and returns the number of rows it inserted,
    /// updated, deleted or selected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = []) async throws(PostgresError) -> Int {
        try await query(sql, parameters).affectedRowCount
    }

    /// Runs SQL text holding any number of statements, without parameters (migrations).
    ///
    /// The statements run in one implicit transaction unless the text has its own
    /// `BEGIN`/`COMMIT`; the first error stops the script. The connection's statement timeout
    /// applies to each statement; a script may lift it with `SET LOCAL statement_timeout = 0`
    /// inside its own transaction.
    public func executeScript(_ sql: String) async throws(PostgresError) {
        _ = try await perform(cancellable: true) { connection, cancellation in
            connection.executeScript(sql, cancellation: cancellation)
        }.get()
    }

    /// Runs `body` inside `BEGIN` … `COMMIT`; if `body` throws, runs `ROLLBACK` and rethrows its
    /// error. Do not nest transactions.
    ///
    /// Throws `transactionRolledBack` when `body` returned but the server rolled back instead of
    /// committing, because a statement inside failed and `body` caught the error. `COMMIT` and
    /// `ROLLBACK` run even when the task is cancelled.
    @discardableResult
    nonisolated(nonsending)
    public func withTransaction<Value>(
        isolation: PostgresIsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        _ = try await control(isolation.beginStatement, cancellable: true)
        let value: Value
        do {
            value = try await body(self)
        } catch {
            do {
                _ = try await control("ROLLBACK", cancellable: false)
            } catch let rollbackError {
                logger.warning(
                    "PostgreSQL rollback failed after an error in a transaction",
                    ["error": .string(rollbackError.description)])
            }
            throw error
        }
        let tag = try await control("COMMIT", cancellable: false)
        if tag == "ROLLBACK" {
            throw PostgresError(
                code: .transactionRolledBack,
                message: "the transaction was rolled back instead of committed because a statement in it failed")
        }
        return value
    }

    /// Closes the connection after the statements already queued; later calls fail with
    /// `connectionClosed`.
    public func close() async {
        _ = await perform(cancellable: false) { connection, _ -> Result<Void, PostgresError> in
            connection.finish()
            return .success(())
        }
    }

    // MARK: State

    /// Whether the connection is closed or broken.
    public var isClosed: Bool {
        healthState.withLock { $0 } == .closed
    }

    /// Whether a pool may hand this connection to the next user: open and outside any
    /// transaction, as of the last statement.
    var isReusable: Bool {
        healthState.withLock { $0 } == .idle
    }

    /// Checks, without waiting for the server, that the connection has not been closed by the
    /// server while idle.
    func checkAlive() async -> Bool {
        await perform(cancellable: false) { connection, _ -> Result<Bool, PostgresError> in
            .success(connection.checkAlive())
        }.get(or: false)
    }

    /// Number of named prepared statements on this connection.
    var preparedStatementCount: Int {
        get async {
            await perform(cancellable: false) { connection, _ -> Result<Int, PostgresError> in
                .success(connection.preparedStatementCount)
            }.get(or: 0)
        }
    }

    // MARK: Running on the queue

    /// Runs a transaction-control statement; returns its command tag.
    private func control(_ sql: String, cancellable: Bool) async throws(PostgresError) -> String {
        try await perform(cancellable: cancellable) { connection, cancellation in
            connection.executeScript(sql, cancellation: cancellation)
        }.get().commandTag
    }

    /// Runs `work` on the connection's queue; a task cancellation skips it or, while it runs,
    /// sends a cancel request, when `cancellable`.
    private func perform<Value: Sendable>(
        cancellable: Bool,
        _ work: @escaping @Sendable (LibPQConnection, QueryCancellation?) -> Result<Value, PostgresError>
    ) async -> Result<Value, PostgresError> {
        if cancellable, Task.isCancelled { return .failure(.cancelled()) }
        let cancellation = cancellable ? QueryCancellation() : nil
        let connection = self.connection
        let sender = connection.cancelSender
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    if let cancellation, !cancellation.start() {
                        continuation.resume(returning: .failure(.cancelled()))
                        return
                    }
                    let result = work(connection, cancellation)
                    cancellation?.finish()
                    let health = connection.health
                    self.healthState.withLock { $0 = health }
                    continuation.resume(returning: result)
                }
            }
        } onCancel: {
            cancellation?.cancel(using: sender)
        }
    }
}

extension Result {
    fileprivate func get(or fallback: Success) -> Success {
        if case .success(let value) = self { return value }
        return fallback
    }
}
