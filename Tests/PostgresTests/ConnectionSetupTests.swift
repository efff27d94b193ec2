import Foundation
import Postgres
import Testing

@Suite("Opening connections", .enabled(if: TestDatabase.isConfigured, TestDatabase.skipComment))
struct ConnectionSetupTests {
    @Test("A connection reports its server and carries the application name and statement timeout")
    func connectionAppliesSettings() async throws {
        var configuration = TestDatabase.configuration(statementTimeout: .milliseconds(1500))
        configuration.applicationName = "support-tests-setup"
        let connection = try await PostgresConnection.connect(configuration: configuration)
        let row = try #require(
            try await connection.query(
                "SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS timeout, "
                    + "current_setting('client_encoding') AS encoding, pg_backend_pid() AS pid"
            ).first)
        #expect(try row.decode(column: "app", as: String.self) == "support-tests-setup")
        #expect(try row.decode(column: "timeout", as: String.self) == "1500ms")
        #expect(try row.decode(column: "encoding", as: String.self) == "UTF8")
        #expect(try row.decode(column: "pid", as: Int32.self) == connection.backendProcessID)
        #expect(connection.serverVersion.split(separator: ".").count >= 2)
        await connection.close()
        #expect(connection.isClosed)
        let error = await expectPostgresError { _ = try await connection.query("SELECT 1") }
        #expect(error?.code == .connectionClosed)
    }

    @Test("A wrong password fails with connectionFailed and the password appears nowhere")
    func wrongPasswordIsNotRevealed() async throws {
        let base = try #require(TestDatabase.url)
        let url = base.replacing(/:\/\/([^:@\/]+)(:[^@\/]*)?@/, with: { "://\($0.output.1)" + ":wrong-Secret-42@" })
        #expect(url.contains("wrong-Secret-42"))
        let configuration = PostgresConfiguration(url: url)
        let error = await expectPostgresError { _ = try await PostgresConnection.connect(configuration: configuration) }
        #expect(error?.code == .connectionFailed)
        #expect(error?.description.contains("wrong-Secret-42") == false)
        #expect(error?.debugDescription.contains("wrong-Secret-42") == false)
        #expect(error?.debugDescription.contains("password authentication failed") == true)
        #expect(!configuration.description.contains("wrong-Secret-42"))
    }

    @Test("A throwaway database can be named in the configuration")
    func databaseNameOverridesTheURL() async throws {
        let name = TestDatabase.uniqueTableName("db")
        let admin = try await TestDatabase.connect()
        try await admin.executeScript("CREATE DATABASE \(name)")
        var configuration = TestDatabase.configuration()
        configuration.databaseName = name
        let connection = try await PostgresConnection.connect(configuration: configuration)
        let current = try await connection.query("SELECT current_database() AS db")
        #expect(try current.first?.decode(column: "db", as: String.self) == name)
        await connection.close()
        try await admin.executeScript("DROP DATABASE \(name) WITH (FORCE)")
        await admin.close()
    }
}
