import Foundation
import Postgres
import Testing
import TestSupport

/// The PostgreSQL server the tests use, from `SUPPORT_TEST_DATABASE_URL`.
enum TestDatabase {
    /// The URL, or nil when the variable is not set.
    static var url: String? { TestPostgres.url }

    /// Whether the PostgreSQL tests run (also when scripts/test.sh requires a missing server:
    /// they then fail instead of passing as skipped).
    static var isConfigured: Bool { TestPostgres.enabled }

    /// Why they are skipped otherwise, and how to run them.
    static let skipComment = Comment(rawValue: TestPostgres.skipReason)

    /// A configuration for the test server.
    static func configuration(
        poolSize: Int = 4,
        statementTimeout: Duration? = .seconds(30),
        acquireTimeout: Duration = .seconds(30),
        preparedStatementCacheCapacity: Int = 256
    ) -> PostgresConfiguration {
        PostgresConfiguration(
            url: url ?? "", poolSize: poolSize, statementTimeout: statementTimeout,
            applicationName: "support-postgres-tests", acquireTimeout: acquireTimeout,
            preparedStatementCacheCapacity: preparedStatementCacheCapacity)
    }

    /// Opens one connection to the test server.
    static func connect(statementTimeout: Duration? = .seconds(30), preparedStatementCacheCapacity: Int = 256)
        async throws -> PostgresConnection
    {
        try await PostgresConnection.connect(
            configuration: configuration(
                statementTimeout: statementTimeout, preparedStatementCacheCapacity: preparedStatementCacheCapacity))
    }

    /// A table name no other test (or test run) uses, so suites can run in parallel.
    static func uniqueTableName(_ purpose: String) -> String { TestPostgres.uniqueName("test_\(purpose)") }

    /// Creates a table with a unique name from `columns` (the text between the parentheses of
    /// CREATE TABLE; `{table}` in it becomes the table's name, so constraint names are unique
    /// too), runs `body` with its name, and drops it afterwards, also on failure.
    static func withTable<Value>(
        _ purpose: String, columns: String, _ body: (String) async throws -> Value
    ) async throws -> Value {
        let name = uniqueTableName(purpose)
        let connection = try await connect()
        try await connection.executeScript(
            "CREATE TABLE \(name) (\(columns.replacingOccurrences(of: "{table}", with: name)))")
        do {
            let value = try await body(name)
            try await connection.executeScript("DROP TABLE IF EXISTS \(name)")
            await connection.close()
            return value
        } catch {
            try? await connection.executeScript("DROP TABLE IF EXISTS \(name)")
            await connection.close()
            throw error
        }
    }
}

/// Runs `body` and returns the ``PostgresError`` it threw; records an issue if it threw none
/// or another error.
func expectPostgresError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> PostgresError? {
    do {
        try await body()
        Issue.record("expected a PostgresError, but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as PostgresError {
        return error
    } catch {
        Issue.record("expected a PostgresError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
