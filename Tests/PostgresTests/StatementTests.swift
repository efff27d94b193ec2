import Foundation
import Postgres
import Testing

@Suite("Statements, transactions and their errors", .enabled(if: TestDatabase.isConfigured, TestDatabase.skipComment))
struct StatementTests {
    @Test("A parameter that looks like SQL injection is stored as plain data")
    func injectionAttemptStaysData() async throws {
        try await TestDatabase.withTable("injection", columns: "id serial PRIMARY KEY, name text NOT NULL") { table in
            let connection = try await TestDatabase.connect()
            let attacks = [
                "x'); DROP TABLE \(table); --",
                "' OR '1'='1",
                "$1; DELETE FROM \(table)",
                "\\'; SELECT pg_sleep(10); --",
            ]
            for attack in attacks {
                try await connection.execute("INSERT INTO \(table) (name) VALUES ($1)", [.text(attack)])
            }
            let rows = try await connection.query("SELECT name FROM \(table) ORDER BY id")
            #expect(try rows.map { try $0.decode(column: "name", as: String.self) } == attacks)
            let matches = try await connection.query("SELECT count(*) AS n FROM \(table) WHERE name = $1", ["' OR '1'='1"])
            #expect(try matches.first?.decode(column: "n", as: Int64.self) == 1)
            let none = try await connection.query("SELECT id FROM \(table) WHERE name = $1", ["nobody' OR '1'='1"])
            #expect(none.isEmpty)
            await connection.close()
        }
    }

    @Test("Text with a NUL character is refused before it is sent")
    func nulCharacterIsRefused() async throws {
        let connection = try await TestDatabase.connect()
        let error = await expectPostgresError { _ = try await connection.query("SELECT $1 AS t", ["a\u{0}b"]) }
        #expect(error?.code == .invalidParameter)
        #expect(error?.description.contains("$1") == true)
        #expect(try await connection.query("SELECT 1 AS one").first?.decode(column: "one", as: Int.self) == 1)
        await connection.close()
    }

    @Test("execute returns the number of affected rows")
    func executeReturnsAffectedRows() async throws {
        try await TestDatabase.withTable("affected", columns: "id int PRIMARY KEY, state text") { table in
            let connection = try await TestDatabase.connect()
            #expect(try await connection.execute("INSERT INTO \(table) SELECT g, 'new' FROM generate_series(1, 5) g") == 5)
            #expect(try await connection.execute("UPDATE \(table) SET state = $1 WHERE id > $2", ["done", 2]) == 3)
            #expect(try await connection.execute("DELETE FROM \(table) WHERE id = $1", [.int(99)]) == 0)
            let rows = try await connection.query("SELECT id FROM \(table) WHERE state = $1", ["done"])
            #expect(rows.count == 3)
            #expect(rows.commandTag == "SELECT 3")
            await connection.close()
        }
    }

    @Test("A committed transaction is visible to other connections")
    func committedTransactionIsVisible() async throws {
        try await TestDatabase.withTable("commit", columns: "id int PRIMARY KEY") { table in
            let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 2))
            let inserted = try await pool.withTransaction(isolation: .serializable) { connection in
                try await connection.execute("INSERT INTO \(table) VALUES (1), (2)")
            }
            #expect(inserted == 2)
            let other = try await TestDatabase.connect()
            #expect(try await other.query("SELECT id FROM \(table)").count == 2)
            await other.close()
            await pool.close()
        }
    }

    struct AbortedByTest: Error {}

    @Test("A transaction whose body throws is rolled back and leaves nothing")
    func thrownErrorRollsBack() async throws {
        try await TestDatabase.withTable("rollback", columns: "id int PRIMARY KEY") { table in
            let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 1))
            await #expect(throws: AbortedByTest.self) {
                try await pool.withTransaction { connection in
                    try await connection.execute("INSERT INTO \(table) VALUES (1), (2)")
                    #expect(try await connection.query("SELECT id FROM \(table)").count == 2)
                    throw AbortedByTest()
                }
            }
            #expect(try await pool.query("SELECT id FROM \(table)").isEmpty)
            // The pool's only connection is outside any transaction again: its write is
            // committed at once and visible elsewhere.
            try await pool.execute("INSERT INTO \(table) VALUES (3)")
            let other = try await TestDatabase.connect()
            #expect(try await other.query("SELECT id FROM \(table)").count == 1)
            await other.close()
            await pool.close()
        }
    }

    @Test("A failed statement caught inside a transaction makes the commit fail")
    func caughtFailureMakesCommitFail() async throws {
        try await TestDatabase.withTable("aborted", columns: "id int PRIMARY KEY") { table in
            let connection = try await TestDatabase.connect()
            let error = await expectPostgresError {
                try await connection.withTransaction { connection in
                    try await connection.execute("INSERT INTO \(table) VALUES (1)")
                    _ = try? await connection.execute("INSERT INTO \(table) VALUES (1)")
                }
            }
            #expect(error?.code == .transactionRolledBack)
            #expect(try await connection.query("SELECT id FROM \(table)").isEmpty)
            await connection.close()
        }
    }

    @Test("A statement past the statement timeout fails with SQLSTATE 57014 and the connection stays usable")
    func statementTimeoutFailsWith57014() async throws {
        let connection = try await TestDatabase.connect(statementTimeout: .milliseconds(200))
        let error = await expectPostgresError { _ = try await connection.query("SELECT pg_sleep(5)") }
        #expect(error?.code == .timeout)
        #expect(error?.sqlState == "57014")
        #expect(error?.isRetriable == true)
        #expect(error?.isServerUnavailable == false)  // about the statement, not an outage
        #expect(try await connection.query("SELECT 2 AS two").first?.decode(column: "two", as: Int.self) == 2)
        #expect(connection.isClosed == false)
        await connection.close()
    }

    @Test("A unique violation keeps SQLSTATE 23505, is not retriable and keeps the value out of the description")
    func uniqueViolationIsNotRetriable() async throws {
        try await TestDatabase.withTable("unique", columns: "email text CONSTRAINT {table}_email UNIQUE") { table in
            let connection = try await TestDatabase.connect()
            try await connection.execute("INSERT INTO \(table) VALUES ($1)", ["someone@example.com"])
            let error = await expectPostgresError {
                try await connection.execute("INSERT INTO \(table) VALUES ($1)", ["someone@example.com"])
            }
            #expect(error?.code == .queryFailed)
            #expect(error?.sqlState == "23505")
            #expect(error?.conditionName == "unique_violation")
            #expect(error?.constraintName == "\(table)_email")
            #expect(error?.isRetriable == false)
            #expect(error?.description.contains("someone@example.com") == false)
            #expect(error?.description.contains("23505") == true)
            #expect(error?.debugDescription.contains("someone@example.com") == true)
            #expect(try await connection.query("SELECT count(*) AS n FROM \(table)").first?.decode(column: "n", as: Int.self) == 1)
            await connection.close()
        }
    }

    @Test("A syntax error keeps SQLSTATE 42601 and is not retriable")
    func syntaxErrorIsNotRetriable() async throws {
        let connection = try await TestDatabase.connect()
        let error = await expectPostgresError { _ = try await connection.query("SELEKT 1") }
        #expect(error?.sqlState == "42601")
        #expect(error?.isRetriable == false)
        #expect(error?.debugDescription.contains("SELEKT 1") == true)
        await connection.close()
    }

    @Test("Concurrent conflicting serializable transactions fail with a retriable 40001")
    func serializationFailureIsRetriable() async throws {
        try await TestDatabase.withTable("serial", columns: "id int PRIMARY KEY, balance int") { table in
            let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 2))
            try await pool.execute("INSERT INTO \(table) VALUES (1, 100)")
            let error = await expectPostgresError {
                try await pool.withTransaction(isolation: .repeatableRead) { first in
                    _ = try await first.query("SELECT balance FROM \(table) WHERE id = 1")
                    try await pool.withTransaction { second in
                        try await second.execute("UPDATE \(table) SET balance = balance - 10 WHERE id = 1")
                    }
                    try await first.execute("UPDATE \(table) SET balance = balance - 20 WHERE id = 1")
                }
            }
            #expect(error?.sqlState == "40001")
            #expect(error?.isRetriable == true)
            #expect(try await pool.query("SELECT balance FROM \(table)").first?.decode(column: "balance", as: Int.self) == 90)
            await pool.close()
        }
    }

    @Test("Cancelling the task cancels the running statement and the connection stays usable")
    func cancellingTheTaskCancelsTheStatement() async throws {
        let connection = try await TestDatabase.connect(statementTimeout: .seconds(60))
        let sleeper = Task { try await connection.query("SELECT pg_sleep(30)") }
        // Wait until the statement runs on the server, then cancel the task.
        var running = false
        let observer = try await TestDatabase.connect()
        let deadline = ContinuousClock.now + .seconds(120)
        while !running && ContinuousClock.now < deadline {
            let rows = try await observer.query(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", [.int32(connection.backendProcessID)])
            running = try rows.first?.decode(column: "n", as: Int.self) == 1
            if !running { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(running)
        sleeper.cancel()
        let error = await expectPostgresError { _ = try await sleeper.value }
        #expect(error?.code == .cancelled)
        #expect(error?.sqlState == "57014")
        #expect(try await connection.query("SELECT 3 AS three").first?.decode(column: "three", as: Int.self) == 3)
        await observer.close()
        await connection.close()
    }

    @Test("A script runs all its statements in one implicit transaction")
    func scriptRunsAtomically() async throws {
        let table = TestDatabase.uniqueTableName("script")
        let connection = try await TestDatabase.connect()
        let failing = await expectPostgresError {
            try await connection.executeScript(
                "CREATE TABLE \(table) (id int); INSERT INTO \(table) VALUES (1); SELECT 1/0;")
        }
        #expect(failing?.sqlState == "22012")
        let exists = try await connection.query("SELECT to_regclass($1) IS NOT NULL AS present", [.text(table)])
        #expect(try exists.first?.decode(column: "present", as: Bool.self) == false)
        try await connection.executeScript(
            """
            CREATE TABLE \(table) (id int);
            INSERT INTO \(table) VALUES (1), (2);
            -- a comment; with a semicolon
            DROP TABLE IF EXISTS \(table)_missing;
            """)
        #expect(try await connection.query("SELECT id FROM \(table)").count == 2)
        try await connection.executeScript("DROP TABLE \(table)")
        await connection.close()
    }

    @Test("Decoding errors name the column, the Swift type and the PostgreSQL type")
    func decodingErrorsNameColumnAndTypes() async throws {
        let connection = try await TestDatabase.connect()
        let row = try #require(try await connection.query("SELECT 'abc'::text AS customer_name, 5::int4 AS quantity").first)
        let wrongType = await expectPostgresError { _ = try row.decode(column: "customer_name", as: Int64.self) }
        #expect(wrongType?.code == .decodingFailed)
        #expect(wrongType?.columnName == "customer_name")
        let text = wrongType?.description ?? ""
        #expect(text.contains("customer_name") && text.contains("Int64") && text.contains("text"))
        #expect(!text.contains("abc"))

        let byIndex = await expectPostgresError { _ = try row.decode(column: 1, as: UUID.self) }
        let indexText = byIndex?.description ?? ""
        #expect(indexText.contains("quantity") && indexText.contains("UUID") && indexText.contains("int4"))

        let missing = await expectPostgresError { _ = try row.decode(column: "price", as: Int.self) }
        #expect(missing?.description.contains("price") == true)
        #expect(missing?.description.contains("customer_name, quantity") == true)
        let outOfRange = await expectPostgresError { _ = try row.decode(column: 7, as: Int.self) }
        #expect(outOfRange?.code == .decodingFailed)
        await connection.close()
    }

    @Test("Column names are matched exactly, including case")
    func columnNamesMatchExactly() async throws {
        let connection = try await TestDatabase.connect()
        let row = try #require(try await connection.query(#"SELECT 1 AS "OrderId", 2 AS orderid"#).first)
        #expect(try row.decode(column: "OrderId", as: Int.self) == 1)
        #expect(try row.decode(column: "orderid", as: Int.self) == 2)
        await connection.close()
    }
}
