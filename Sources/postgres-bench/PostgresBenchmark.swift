// Measures point lookups through the Postgres module against a real server: one connection
// with and without the prepared-statement cache, and the pool under concurrent callers.
//
//   export SUPPORT_TEST_DATABASE_URL="$(scripts/start-postgres.sh)"
//   swift run -c release postgres-bench [--lookups N] [--rows N] [--concurrency N]
//
// It creates a scratch table (bench_orders_<random>) and drops it at the end.
import Foundation
import Postgres

@main
struct PostgresBenchmark {
    struct Options {
        var url = ProcessInfo.processInfo.environment["SUPPORT_TEST_DATABASE_URL"] ?? ""
        var lookups = 20_000
        var rows = 10_000
        var concurrency = 4
    }

    static func main() async {
        do {
            let options = try parse(CommandLine.arguments.dropFirst())
            try await run(options)
        } catch let error as PostgresError {
            FileHandle.standardError.write(Data("postgres-bench: \(error.debugDescription)\n".utf8))
            exit(1)
        } catch {
            FileHandle.standardError.write(Data("postgres-bench: \(error)\n".utf8))
            exit(2)
        }
    }

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: ArraySlice<String>) throws -> Options {
        var options = Options()
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            switch flag {
            case "--url": options.url = value
            case "--lookups": options.lookups = try positive(value, flag)
            case "--rows": options.rows = try positive(value, flag)
            case "--concurrency": options.concurrency = try positive(value, flag)
            default:
                throw UsageError(description: "unknown option \(flag); use --url, --lookups, --rows, --concurrency")
            }
        }
        if options.url.isEmpty {
            throw UsageError(
                description: "no database: pass --url or export SUPPORT_TEST_DATABASE_URL=\"$(scripts/start-postgres.sh)\"")
        }
        return options
    }

    static func positive(_ text: String, _ flag: String) throws -> Int {
        guard let value = Int(text), value > 0 else { throw UsageError(description: "\(flag) must be a positive integer") }
        return value
    }

    static func run(_ options: Options) async throws {
        let table = "bench_orders_\(UUID().uuidString.prefix(8).lowercased())"
        let base = PostgresConfiguration(url: options.url, poolSize: options.concurrency, applicationName: "postgres-bench")
        let setup = try await PostgresConnection.connect(configuration: base)
        print("libpq \(Postgres.libpqVersion), server \(setup.serverVersion); \(options.rows) rows, \(options.lookups) lookups per run")
        try await setup.executeScript(
            """
            CREATE TABLE \(table) (
                id int8 PRIMARY KEY, customer_id text NOT NULL, amount numeric(12,2) NOT NULL,
                status text NOT NULL, created_at timestamptz NOT NULL);
            INSERT INTO \(table)
                SELECT g, 'customer-' || (g % 997), (g % 50000) / 100.0, 'shipped', now() - g * interval '1 minute'
                FROM generate_series(1, \(options.rows)) g;
            ANALYZE \(table);
            """)
        let sql = "SELECT id, customer_id, amount, status, created_at FROM \(table) WHERE id = $1"
        do {
            for capacity in [0, 256] {
                var configuration = base
                configuration.preparedStatementCacheCapacity = capacity
                let connection = try await PostgresConnection.connect(configuration: configuration)
                _ = try await lookups(connection: connection, sql: sql, count: 500, rows: options.rows)  // warm up
                let latencies = try await lookups(connection: connection, sql: sql, count: options.lookups, rows: options.rows)
                report(capacity == 0 ? "one connection, unprepared (PQexecParams)" : "one connection, prepared (cached)", latencies)
                await connection.close()
            }
            let pool = try PostgresPool(configuration: base)
            _ = try await pooledLookups(pool: pool, sql: sql, count: 500, rows: options.rows, concurrency: options.concurrency)
            // One caller: the lease, the idle-connection check and the hand-back on top of a query.
            let single = try await pooledLookups(pool: pool, sql: sql, count: options.lookups, rows: options.rows, concurrency: 1)
            report("pool of \(options.concurrency), 1 caller, prepared", single)
            let start = ContinuousClock.now
            let latencies = try await pooledLookups(
                pool: pool, sql: sql, count: options.lookups, rows: options.rows, concurrency: options.concurrency)
            let elapsed = ContinuousClock.now - start
            report("pool of \(options.concurrency), \(options.concurrency) concurrent callers, prepared", latencies, wall: elapsed)
            await pool.close()
        } catch {
            try? await setup.executeScript("DROP TABLE IF EXISTS \(table)")
            throw error
        }
        try await setup.executeScript("DROP TABLE IF EXISTS \(table)")
        await setup.close()
    }

    /// Sequential lookups on one connection; returns each lookup's latency in microseconds.
    static func lookups(connection: PostgresConnection, sql: String, count: Int, rows: Int) async throws -> [Double] {
        var latencies: [Double] = []
        latencies.reserveCapacity(count)
        let clock = ContinuousClock()
        for index in 0..<count {
            let id = Int64(index * 7919 % rows + 1)
            let start = clock.now
            let result = try await connection.query(sql, [.int64(id)])
            let amount = try result[0].decode(column: "amount", as: String.self)
            latencies.append(microseconds(clock.now - start))
            if amount.isEmpty { throw PostgresError(code: .decodingFailed, message: "empty amount") }
        }
        return latencies
    }

    /// Lookups spread over `concurrency` tasks sharing the pool.
    static func pooledLookups(pool: PostgresPool, sql: String, count: Int, rows: Int, concurrency: Int) async throws -> [Double] {
        try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var latencies: [Double] = []
                    let clock = ContinuousClock()
                    for index in stride(from: worker, to: count, by: concurrency) {
                        let start = clock.now
                        let result = try await pool.query(sql, [.int64(Int64(index * 7919 % rows + 1))])
                        _ = try result[0].decode(column: "id", as: Int64.self)
                        latencies.append(microseconds(clock.now - start))
                    }
                    return latencies
                }
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return all
        }
    }

    static func microseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    }

    static func report(_ label: String, _ latencies: [Double], wall: Duration? = nil) {
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        let total = wall.map(microseconds) ?? latencies.reduce(0, +)
        let throughput = Double(latencies.count) / (total / 1e6)
        let figures = String(
            format: "p50 %7.1f µs  p90 %7.1f µs  p99 %7.1f µs  %8.0f lookups/s",
            percentile(0.5), percentile(0.9), percentile(0.99), throughput)
        print(label.padding(toLength: 60, withPad: " ", startingAt: 0) + figures)
    }
}
