import Foundation
import Postgres
import Synchronization
import Testing
import TestSupport

@Suite("The connection pool", .enabled(if: TestDatabase.isConfigured, TestDatabase.skipComment))
struct PoolTests {
    @Test("More concurrent users than connections wait their turn and all finish")
    func moreUsersThanConnectionsAllFinish() async throws {
        let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 3))
        let backends = try await withThrowingTaskGroup(of: Int32.self) { group in
            for user in 0..<24 {
                group.addTask {
                    let rows = try await pool.query(
                        "SELECT pg_backend_pid() AS pid, pg_sleep(0.02), $1::int AS user_number", [.int(user)])
                    #expect(try rows.first?.decode(column: "user_number", as: Int.self) == user)
                    return try rows.first!.decode(column: "pid", as: Int32.self)
                }
            }
            var backends: [Int32] = []
            for try await pid in group { backends.append(pid) }
            return backends
        }
        #expect(backends.count == 24)
        #expect(Set(backends).count <= 3)
        let statistics = pool.statistics
        #expect(statistics.leased == 0 && statistics.waiting == 0 && statistics.opening == 0)
        #expect(statistics.idle <= 3)
        await pool.close()
    }

    @Test("A waiter past the acquire timeout gets acquireTimeout, which is retriable")
    func waiterPastAcquireTimeoutFails() async throws {
        let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 1, acquireTimeout: .milliseconds(300)))
        // Opening a connection on a busy machine may itself take longer than the acquire timeout:
        // have the connection open and idle first, so that only the waiting below is timed.
        try await ensureIdleConnection(in: pool)
        let held = try await HeldConnection.hold(from: pool)
        let error = await expectPostgresError { _ = try await pool.query("SELECT 1") }
        #expect(error?.code == .acquireTimeout)
        #expect(error?.isRetriable == true && error?.isServerUnavailable == true)
        try await held.release()
        #expect(try await pool.query("SELECT 4 AS four").first?.decode(column: "four", as: Int.self) == 4)
        await pool.close()
    }

    @Test("A connection killed with pg_terminate_backend fails its statement retriably and is replaced")
    func terminatedConnectionIsReplaced() async throws {
        let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 1))
        let admin = try await TestDatabase.connect()
        let killedBackend = try await pool.withConnection { connection in
            _ = try await connection.query("SELECT 1")
            try await admin.execute("SELECT pg_terminate_backend($1)", [.int32(connection.backendProcessID)])
            let error = await expectPostgresError { _ = try await connection.query("SELECT 1") }
            #expect(error?.code == .connectionClosed)
            #expect(error?.isRetriable == true && error?.isServerUnavailable == true)
            #expect(connection.isClosed)
            return connection.backendProcessID
        }
        let rows = try await pool.query("SELECT pg_backend_pid() AS pid")
        let newBackend = try #require(try rows.first?.decode(column: "pid", as: Int32.self))
        #expect(newBackend != killedBackend)
        await admin.close()
        await pool.close()
    }

    @Test("An idle connection killed by the server is noticed before use, so the next request succeeds")
    func idleConnectionKilledIsNoticed() async throws {
        let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 1))
        let admin = try await TestDatabase.connect()
        let row = try #require(try await pool.query("SELECT pg_backend_pid() AS pid, inet_client_port() AS port").first)
        let first = try row.decode(column: "pid", as: Int32.self)
        let clientPort = Int(try row.decode(column: "port", as: Int32.self))
        try await admin.execute("SELECT pg_terminate_backend($1)", [.int32(first)])
        // pg_terminate_backend only signals: wait until the server's goodbye (error message and
        // FIN) reached the client's socket, which is what the idle check reads.
        #expect(await eventually { !TCPSockets.isEstablished(localPort: clientPort) }, "the server closed the connection")
        let second = try #require(try await pool.query("SELECT pg_backend_pid() AS pid").first?.decode(column: "pid", as: Int32.self))
        #expect(second != first)
        await admin.close()
        await pool.close()
    }

    @Test("A connection returned inside a transaction is discarded, not reused")
    func connectionLeftInTransactionIsDiscarded() async throws {
        try await TestDatabase.withTable("left_open", columns: "id int") { table in
            let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 1))
            let leftOpen = try await pool.withConnection { connection in
                try await connection.executeScript("BEGIN; INSERT INTO \(table) VALUES (1)")
                return connection.backendProcessID
            }
            let rows = try await pool.query("SELECT pg_backend_pid() AS pid")
            #expect(try rows.first?.decode(column: "pid", as: Int32.self) != leftOpen)
            // The next user's write is committed at once; the abandoned one never was.
            try await pool.execute("INSERT INTO \(table) VALUES (2)")
            let other = try await TestDatabase.connect()
            let ids = try await other.query("SELECT id FROM \(table)").map { try $0.decode(column: "id", as: Int.self) }
            #expect(ids == [2])
            await other.close()
            await pool.close()
        }
    }

    @Test("A closed pool fails waiting and later callers with poolClosed")
    func closedPoolFailsCallers() async throws {
        let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 1))
        let held = try await HeldConnection.hold(from: pool)
        let waiter = Task { try await pool.query("SELECT 1") }
        #expect(await eventually { pool.statistics.waiting > 0 }, "the request waits for the held connection")
        await pool.close()
        let waiterError = await expectPostgresError { _ = try await waiter.value }
        #expect(waiterError?.code == .poolClosed)
        try await held.release()
        let laterError = await expectPostgresError { _ = try await pool.query("SELECT 1") }
        #expect(laterError?.code == .poolClosed)
        #expect(laterError?.isRetriable == false)
        #expect(pool.statistics == PostgresPoolStatistics(idle: 0, leased: 0, opening: 0, waiting: 0))
    }

    @Test("An unreachable server fails callers with a retriable connectionFailed, not a timeout")
    func unreachableServerFailsPromptly() async throws {
        var configuration = TestDatabase.configuration(poolSize: 2)
        configuration.url = "postgresql://support:secret-pass-123@127.0.0.1:1/support"
        let pool = try PostgresPool(configuration: configuration)
        let error = await expectPostgresError { _ = try await pool.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        #expect(error?.isRetriable == true)
        #expect(error?.description.contains("secret-pass-123") == false)
        #expect(error?.debugDescription.contains("secret-pass-123") == false)
        #expect(pool.statistics.opening == 0)
        await pool.close()
    }

    @Test("A cancelled waiter leaves the queue with cancelled")
    func cancelledWaiterLeaves() async throws {
        let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 1))
        let held = try await HeldConnection.hold(from: pool)
        let waiter = Task { try await pool.query("SELECT 1") }
        #expect(await eventually { pool.statistics.waiting > 0 }, "the request waits for the held connection")
        waiter.cancel()
        let error = await expectPostgresError { _ = try await waiter.value }
        #expect(error?.code == .cancelled)
        #expect(pool.statistics.waiting == 0)
        try await held.release()
        #expect(try await pool.query("SELECT 5 AS five").first?.decode(column: "five", as: Int.self) == 5)
        await pool.close()
    }

    /// Retries until the pool has opened its connection and it sits idle.
    private func ensureIdleConnection(in pool: PostgresPool) async throws {
        for _ in 0..<100 {
            do {
                _ = try await pool.query("SELECT 1")
                return
            } catch {
                // (A `catch where` clause on a typed error crashes the Swift 6.3.1 compiler.)
                guard error.code == .acquireTimeout else { throw error }
            }
        }
        Issue.record("the pool did not open a connection after 100 attempts")
    }
}

/// One pooled connection held by a task until ``release()``.
private struct HeldConnection {
    let task: Task<Void, any Error>
    let releaseSignal: AsyncStream<Void>.Continuation

    /// Returns once the task holds a connection; rethrows the task's error if it got none.
    static func hold(from pool: PostgresPool) async throws -> HeldConnection {
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        let (held, heldSignal) = AsyncStream<Void>.makeStream()
        let task = Task {
            defer { heldSignal.finish() }
            try await pool.withConnection { _ in
                heldSignal.yield()
                for await _ in release { break }
            }
        }
        var signals = held.makeAsyncIterator()
        if await signals.next() == nil {
            try await task.value
            Issue.record("the holder finished without holding a connection")
        }
        return HeldConnection(task: task, releaseSignal: releaseSignal)
    }

    /// Gives the connection back to the pool.
    func release() async throws {
        releaseSignal.yield()
        try await task.value
    }
}
