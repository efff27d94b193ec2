import Foundation
import Testing

@testable import Postgres

@Suite("Prepared statements per connection", .enabled(if: TestDatabase.isConfigured, TestDatabase.skipComment))
struct PreparedStatementTests {
    @Test("The same SQL with the same parameter types is prepared once and reused")
    func sameStatementIsPreparedOnce() async throws {
        let connection = try await TestDatabase.connect()
        for number in 0..<5 {
            let rows = try await connection.query("SELECT $1::int8 * 2 AS doubled", [.int(number)])
            #expect(try rows.first?.decode(column: "doubled", as: Int.self) == number * 2)
        }
        #expect(await connection.preparedStatementCount == 1)
        _ = try await connection.query("SELECT $1::int8 * 2 AS doubled", [.int32(3)])
        #expect(await connection.preparedStatementCount == 2)
        // This query is the third statement prepared on the connection.
        let server = try await connection.query("SELECT count(*) AS n FROM pg_prepared_statements WHERE name LIKE 'support_statement_%'")
        #expect(try server.first?.decode(column: "n", as: Int.self) == 3)
        await connection.close()
    }

    @Test("A statement whose result type changed after DDL is prepared again and succeeds")
    func changedResultTypeIsPreparedAgain() async throws {
        try await TestDatabase.withTable("replan", columns: "id int, name text") { table in
            let connection = try await TestDatabase.connect()
            try await connection.execute("INSERT INTO \(table) VALUES (1, 'a')")
            _ = try await connection.query("SELECT * FROM \(table) WHERE id = $1", [.int32(1)])
            let other = try await TestDatabase.connect()
            try await other.executeScript("ALTER TABLE \(table) ADD COLUMN note text DEFAULT 'added'")
            await other.close()
            let rows = try await connection.query("SELECT * FROM \(table) WHERE id = $1", [.int32(1)])
            #expect(try rows.first?.decode(column: "note", as: String.self) == "added")
            await connection.close()
        }
    }

    @Test("With the cache full or disabled, statements run unprepared")
    func statementsRunUnpreparedWhenCacheIsFull() async throws {
        let small = try await TestDatabase.connect(preparedStatementCacheCapacity: 1)
        _ = try await small.query("SELECT $1::int AS a", [1])
        #expect(try await small.query("SELECT $1::int + 1 AS b", [1]).first?.decode(column: "b", as: Int.self) == 2)
        #expect(await small.preparedStatementCount == 1)
        await small.close()

        let disabled = try await TestDatabase.connect(preparedStatementCacheCapacity: 0)
        #expect(try await disabled.query("SELECT $1::text AS c", ["x"]).first?.decode(column: "c", as: String.self) == "x")
        #expect(await disabled.preparedStatementCount == 0)
        await disabled.close()
    }
}
