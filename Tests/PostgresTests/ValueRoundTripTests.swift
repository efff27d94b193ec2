import Foundation
import Postgres
import Testing

@Suite("Values round-trip through PostgreSQL", .enabled(if: TestDatabase.isConfigured, TestDatabase.skipComment))
struct ValueRoundTripTests {
    @Test("Integers keep their extremes in int2, int4 and int8")
    func integersKeepTheirExtremes() async throws {
        let connection = try await TestDatabase.connect()
        let rows = try await connection.query(
            "SELECT $1 AS a, $2 AS b, $3 AS c, $4 AS d, $5 AS e, $6 AS f, $7::int8 AS g",
            [.int16(.min), .int16(.max), .int32(.min), .int32(.max), .int64(.min), .int64(.max), .int(-42)])
        let row = try #require(rows.first)
        #expect(rows.columns.map(\.dataType) == [.int2, .int2, .int4, .int4, .int8, .int8, .int8])
        #expect(try row.decode(column: "a", as: Int16.self) == .min)
        #expect(try row.decode(column: "b", as: Int16.self) == .max)
        #expect(try row.decode(column: "c", as: Int32.self) == .min)
        #expect(try row.decode(column: "d", as: Int32.self) == .max)
        #expect(try row.decode(column: "e", as: Int64.self) == .min)
        #expect(try row.decode(column: "f", as: Int64.self) == .max)
        #expect(try row.decode(column: "g", as: Int.self) == -42)
        // Widening works; narrowing checks the range.
        #expect(try row.decode(column: "a", as: Int64.self) == Int64(Int16.min))
        let narrowing = await expectPostgresError { _ = try row.decode(column: "f", as: Int32.self) }
        #expect(narrowing?.code == .decodingFailed)
        await connection.close()
    }

    @Test("Floating point values come back bit for bit, infinities and NaN included")
    func floatingPointValuesComeBackExactly() async throws {
        let connection = try await TestDatabase.connect()
        let values: [Double] = [.pi, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity, 0.1 + 0.2]
        for value in values {
            let row = try #require(try await connection.query("SELECT $1 AS value", [.double(value)]).first)
            let back = try row.decode(column: "value", as: Double.self)
            #expect(back.bitPattern == value.bitPattern)
        }
        let nan = try #require(try await connection.query("SELECT $1 AS value", [.double(.nan)]).first)
        #expect(try nan.decode(column: "value", as: Double.self).isNaN)
        let real = try #require(try await connection.query("SELECT 1.5::float4 AS value").first)
        #expect(try real.decode(column: "value", as: Float.self) == 1.5)
        #expect(try real.decode(column: "value", as: Double.self) == 1.5)
        await connection.close()
    }

    @Test("Booleans, Chinese text, emoji and empty strings round-trip")
    func booleansAndTextRoundTrip() async throws {
        let connection = try await TestDatabase.connect()
        let texts = ["我想退货，订单号是12345678", "🎉👍🏽 emoji with skin tone 👨‍👩‍👧", "", "mixed 中英 text\nwith newline\ttab", "引号 ' and \" quotes"]
        for text in texts {
            let row = try #require(try await connection.query("SELECT $1 AS t, length($1) AS n", [.text(text)]).first)
            #expect(try row.decode(column: "t", as: String.self) == text)
            #expect(try row.decode(column: "n", as: Int.self) == text.unicodeScalars.count)
        }
        let bools = try #require(try await connection.query("SELECT $1 AS yes, $2 AS no", [true, false]).first)
        #expect(try bools.decode(column: "yes", as: Bool.self) == true)
        #expect(try bools.decode(column: "no", as: Bool.self) == false)
        let varchar = try #require(try await connection.query("SELECT 'abc'::varchar(5) AS v, 'ab'::char(3) AS c").first)
        #expect(try varchar.decode(column: "v", as: String.self) == "abc")
        #expect(try varchar.decode(column: "c", as: String.self) == "ab ")
        await connection.close()
    }

    @Test("bytea keeps zero bytes and every byte value")
    func byteaKeepsZeroBytes() async throws {
        let connection = try await TestDatabase.connect()
        let samples: [[UInt8]] = [[0, 1, 0, 255, 0, 0], [], Array(0...255), [0]]
        for bytes in samples {
            let row = try #require(try await connection.query("SELECT $1 AS b, octet_length($1) AS n", [.bytea(bytes)]).first)
            #expect(try row.decode(column: "b", as: [UInt8].self) == bytes)
            #expect(try row.decode(column: "b", as: Data.self) == Data(bytes))
            #expect(try row.decode(column: "n", as: Int.self) == bytes.count)
        }
        await connection.close()
    }

    @Test("timestamptz keeps microseconds both ways")
    func timestamptzKeepsMicroseconds() async throws {
        let connection = try await TestDatabase.connect()
        // 2023-11-14 22:13:20.123456 UTC
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        let row = try #require(
            try await connection.query(
                "SELECT $1 AS t, $1 = '2023-11-14 22:13:20.123456+00'::timestamptz AS exact, "
                    + "to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS text",
                [.timestamptz(date)]
            ).first)
        #expect(try row.decode(column: "exact", as: Bool.self))
        #expect(try row.decode(column: "text", as: String.self) == "2023-11-14 22:13:20.123456")
        let back = try row.decode(column: "t", as: Date.self)
        #expect(abs(back.timeIntervalSince(date)) < 0.000_001)

        // From the server: a leap day in another zone, before 2000 too.
        let server = try #require(
            try await connection.query(
                "SELECT '2024-02-29 12:34:56.789012+08'::timestamptz AS a, '1969-07-20 20:17:40.000001+00'::timestamptz AS b, "
                    + "'2024-02-29 04:34:56.5'::timestamp AS c, '2024-02-29'::date AS d"
            ).first)
        #expect(abs(try server.decode(column: "a", as: Date.self).timeIntervalSince1970 - 1_709_181_296.789012) < 0.000_001)
        #expect(abs(try server.decode(column: "b", as: Date.self).timeIntervalSince1970 - (-14_182_939.999999)) < 0.000_001)
        #expect(try server.decode(column: "c", as: Date.self).timeIntervalSince1970 == 1_709_181_296.5)
        #expect(try server.decode(column: "d", as: Date.self).timeIntervalSince1970 == 1_709_164_800)

        let infinity = try #require(try await connection.query("SELECT 'infinity'::timestamptz AS t").first)
        let error = await expectPostgresError { _ = try infinity.decode(column: "t", as: Date.self) }
        #expect(error?.code == .decodingFailed)
        await connection.close()
    }

    @Test("UUIDs round-trip and read as lowercase text")
    func uuidsRoundTrip() async throws {
        let connection = try await TestDatabase.connect()
        let id = UUID()
        let row = try #require(try await connection.query("SELECT $1 AS id, $1::text AS text", [.uuid(id)]).first)
        #expect(try row.decode(column: "id", as: UUID.self) == id)
        #expect(try row.decode(column: "id", as: String.self) == id.uuidString.lowercased())
        #expect(try row.decode(column: "text", as: String.self) == id.uuidString.lowercased())
        await connection.close()
    }

    struct Note: Codable, Equatable {
        var name: String
        var tags: [String]
    }

    @Test("jsonb from text or data, and json, decode to text, data and Codable values")
    func jsonRoundTrips() async throws {
        let connection = try await TestDatabase.connect()
        let note = Note(name: "退货 🎁", tags: ["a", "b"])
        let data = try JSONEncoder().encode(note)
        let row = try #require(
            try await connection.query(
                "SELECT $1 AS from_text, $2 AS from_data, $1 ->> 'name' AS name, '{\"name\": \"x\", \"tags\": []}'::json AS plain",
                [.jsonb(String(decoding: data, as: UTF8.self)), .jsonb(data)]
            ).first)
        #expect(rowsColumnsTypes(row) == [.jsonb, .jsonb, .text, .json])
        #expect(try row.decodeJSON(column: "from_text", as: Note.self) == note)
        #expect(try row.decodeJSON(column: "from_data", as: Note.self) == note)
        #expect(try row.decode(column: "name", as: String.self) == "退货 🎁")
        #expect(try row.decodeJSON(column: "plain", as: Note.self) == Note(name: "x", tags: []))
        let text = try row.decode(column: "from_text", as: String.self)
        #expect(try JSONDecoder().decode(Note.self, from: Data(text.utf8)) == note)

        let invalid = await expectPostgresError { _ = try await connection.query("SELECT $1 AS j", [.jsonb("{not json")]) }
        #expect(invalid?.sqlState == "22P02")
        let mismatch = await expectPostgresError { _ = try row.decodeJSON(column: "from_text", as: [Int].self) }
        #expect(mismatch?.code == .decodingFailed)
        await connection.close()
    }

    private func rowsColumnsTypes(_ row: PostgresRow) -> [PostgresDataType] {
        row.columns.map(\.dataType)
    }

    @Test("numeric reads as exact text, as Int64 when integral, and as Decimal")
    func numericReadsExactly() async throws {
        let connection = try await TestDatabase.connect()
        let literals = [
            "0", "-0.0001", "12345678901234567890.000123", "1.10", "100000000", "0.00000001", "-123.4500",
            "9999.9999", "10000", "NaN", "Infinity", "-Infinity", "123456789012345678901234567890",
        ]
        for literal in literals {
            let row = try #require(try await connection.query("SELECT '\(literal)'::numeric AS n, '\(literal)'::numeric::text AS t").first)
            let server = try row.decode(column: "t", as: String.self)
            #expect(try row.decode(column: "n", as: String.self) == server, "numeric \(literal)")
        }
        let integral = try #require(try await connection.query("SELECT 42.000::numeric AS a, 42.5::numeric AS b, 1e30::numeric AS c").first)
        #expect(try integral.decode(column: "a", as: Int64.self) == 42)
        let fraction = await expectPostgresError { _ = try integral.decode(column: "b", as: Int64.self) }
        #expect(fraction?.code == .decodingFailed)
        let tooLarge = await expectPostgresError { _ = try integral.decode(column: "c", as: Int64.self) }
        #expect(tooLarge?.code == .decodingFailed)
        #expect(try integral.decode(column: "b", as: Double.self) == 42.5)

        let amount = Decimal(string: "1234.56", locale: Locale(identifier: "en_US_POSIX"))!
        let sum = try #require(
            try await connection.query("SELECT $1 + 0.01 AS total, $2 AS text", [.numeric(amount), .numeric("-0.50")]).first)
        #expect(try sum.decode(column: "total", as: String.self) == "1234.57")
        #expect(try sum.decode(column: "total", as: Decimal.self) == Decimal(string: "1234.57", locale: Locale(identifier: "en_US_POSIX")))
        #expect(try sum.decode(column: "text", as: String.self) == "-0.50")
        let invalid = await expectPostgresError { _ = try await connection.query("SELECT $1 AS n", [.numeric("12,5")]) }
        #expect(invalid?.sqlState == "22P02")
        await connection.close()
    }

    @Test("NULL reads as nil for optionals and fails for non-optionals, naming the column")
    func nullReadsAsNil() async throws {
        try await TestDatabase.withTable(
            "nulls",
            columns: """
                id int PRIMARY KEY, a int2, b int4, c int8, d float8, e bool, f text, g bytea,
                h timestamptz, i uuid, j jsonb, k numeric, l date
                """
        ) { table in
            let connection = try await TestDatabase.connect()
            let values: [PostgresValue] = [
                PostgresValue(Int16?.none), PostgresValue(Int32?.none), PostgresValue(Int64?.none),
                PostgresValue(Double?.none), PostgresValue(Bool?.none), PostgresValue(String?.none),
                PostgresValue([UInt8]?.none), PostgresValue(Date?.none), PostgresValue(UUID?.none), nil, nil, nil,
            ]
            try await connection.execute(
                "INSERT INTO \(table) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)", values)
            let row = try #require(try await connection.query("SELECT * FROM \(table)").first)
            #expect(try row.decode(column: "a", as: Int16?.self) == nil)
            #expect(try row.decode(column: "b", as: Int32?.self) == nil)
            #expect(try row.decode(column: "c", as: Int64?.self) == nil)
            #expect(try row.decode(column: "d", as: Double?.self) == nil)
            #expect(try row.decode(column: "e", as: Bool?.self) == nil)
            #expect(try row.decode(column: "f", as: String?.self) == nil)
            #expect(try row.decode(column: "g", as: [UInt8]?.self) == nil)
            #expect(try row.decode(column: "h", as: Date?.self) == nil)
            #expect(try row.decode(column: "i", as: UUID?.self) == nil)
            #expect(try row.decode(column: "j", as: String?.self) == nil)
            #expect(try row.decode(column: "k", as: Decimal?.self) == nil)
            #expect(try row.decode(column: "l", as: Date?.self) == nil)
            #expect(try row.isNull(column: "f"))
            let error = await expectPostgresError { _ = try row.decode(column: "f", as: String.self) }
            #expect(error?.code == .decodingFailed)
            #expect(error?.description.contains("\"f\"") == true)
            #expect(error?.description.contains("NULL") == true)
            await connection.close()
        }
    }

    @Test("A table with every supported type stores and returns each value")
    func everyTypeStoresAndReturns() async throws {
        try await TestDatabase.withTable(
            "every_type",
            columns: """
                a int2, b int4, c int8, d float8, e bool, f text, g bytea, h timestamptz, i uuid,
                j jsonb, k numeric(12,2), l varchar(40)
                """
        ) { table in
            let pool = try PostgresPool(configuration: TestDatabase.configuration(poolSize: 2))
            let id = UUID()
            let date = Date(timeIntervalSince1970: 1_735_689_600.5)
            try await pool.execute(
                "INSERT INTO \(table) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                [
                    PostgresValue(Int16(7)), PostgresValue(Int32(70_000)), PostgresValue(Int64(7_000_000_000)),
                    PostgresValue(2.5), PostgresValue(true), PostgresValue("订单 12345678 🚚"),
                    PostgresValue([UInt8]([0, 0, 7])), PostgresValue(date), PostgresValue(id),
                    .jsonb(#"{"k": [1, 2]}"#), .numeric("199.90"), PostgresValue(Optional("varchar 文本")),
                ])
            let row = try #require(try await pool.query("SELECT * FROM \(table)").first)
            #expect(try row.decode(column: 0, as: Int16.self) == 7)
            #expect(try row.decode(column: 1, as: Int32.self) == 70_000)
            #expect(try row.decode(column: 2, as: Int64.self) == 7_000_000_000)
            #expect(try row.decode(column: 3, as: Double.self) == 2.5)
            #expect(try row.decode(column: 4, as: Bool.self))
            #expect(try row.decode(column: 5, as: String.self) == "订单 12345678 🚚")
            #expect(try row.decode(column: 6, as: [UInt8].self) == [0, 0, 7])
            #expect(try row.decode(column: 7, as: Date.self) == date)
            #expect(try row.decode(column: 8, as: UUID.self) == id)
            #expect(try row.decode(column: 9, as: String.self) == #"{"k": [1, 2]}"#)
            #expect(try row.decode(column: 10, as: String.self) == "199.90")
            #expect(try row.decode(column: 11, as: String.self) == "varchar 文本")
            await pool.close()
        }
    }
}
