import Testing

@testable import Postgres

@Suite("Errors and their classification")
struct PostgresErrorTests {
    @Test(
        "Connection problems, serialization failures and deadlocks are retriable",
        arguments: ["08000", "08003", "08006", "08001", "57P01", "57P02", "57P03", "40001", "40P01", "53300"])
    func transientStatesAreRetriable(sqlState: String) {
        let error = PostgresError(code: .queryFailed, message: "failed", sqlState: sqlState)
        #expect(error.isRetriable)
    }

    @Test(
        "Constraint violations, syntax and data errors are not retriable",
        arguments: ["23505", "23503", "23502", "23514", "42601", "42P01", "22P02", "22012", "25P02", "28P01"])
    func permanentStatesAreNotRetriable(sqlState: String) {
        let error = PostgresError(code: .queryFailed, message: "failed", sqlState: sqlState)
        #expect(!error.isRetriable)
    }

    @Test("Only an unreachable or refusing server is an outage; timeouts, deadlocks and serialization failures are not")
    func outagesAreTheServerBeingUnavailable() {
        for state in ["08000", "08006", "57P01", "57P03", "53300"] {
            #expect(PostgresError(code: .queryFailed, message: "m", sqlState: state).isServerUnavailable, "\(state)")
        }
        for state in ["40001", "40P01", "55P03", "57014", "23505"] {
            #expect(!PostgresError(code: .queryFailed, message: "m", sqlState: state).isServerUnavailable, "\(state)")
        }
        for code: PostgresError.Code in [.connectionFailed, .connectionClosed, .acquireTimeout] {
            #expect(PostgresError(code: code, message: "m").isServerUnavailable, "\(code)")
        }
        for code: PostgresError.Code in [.timeout, .decodingFailed, .cancelled, .poolClosed] {
            #expect(!PostgresError(code: code, message: "m").isServerUnavailable, "\(code)")
        }
    }

    @Test("Codes decide retriability where there is no SQLSTATE")
    func codesDecideRetriability() {
        let retriable: [PostgresError.Code] = [.connectionFailed, .connectionClosed, .timeout, .acquireTimeout]
        let permanent: [PostgresError.Code] = [
            .decodingFailed, .poolClosed, .cancelled, .invalidParameter, .invalidConfiguration, .transactionRolledBack,
            .queryFailed,
        ]
        for code in retriable { #expect(PostgresError(code: code, message: "m").isRetriable, "\(code)") }
        for code in permanent { #expect(!PostgresError(code: code, message: "m").isRetriable, "\(code)") }
    }

    @Test("The description is generic; server text and details only appear in debugDescription")
    func descriptionKeepsDataOut() {
        let error = PostgresError(
            code: .queryFailed, message: "the server rejected the statement", sqlState: "23505",
            serverMessage: "duplicate key value violates unique constraint \"customers_email_key\"",
            detail: "Key (email)=(li.wei@example.com) already exists.", constraintName: "customers_email_key",
            statement: "INSERT INTO customers (email)\n    VALUES ($1)")
        #expect(error.description == "PostgreSQL queryFailed: the server rejected the statement [SQLSTATE 23505 unique_violation, constraint customers_email_key]")
        #expect(error.debugDescription.contains("li.wei@example.com"))
        #expect(error.debugDescription.contains("statement: INSERT INTO customers (email) VALUES ($1)"))
    }

    @Test("libpq's version reads as major.minor")
    func libpqVersionIsReadable() {
        let parts = Postgres.libpqVersion.split(separator: ".").compactMap { Int($0) }
        #expect(parts.count == 2)
        #expect((parts.first ?? 0) >= 10)
        #expect(Postgres.formatVersion(150018) == "15.18")
        #expect(Postgres.formatVersion(90624) == "9.6.24")
    }
}
