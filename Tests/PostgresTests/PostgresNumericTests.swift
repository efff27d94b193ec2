import Testing

@testable import Postgres

@Suite("Binary numeric formatting")
struct PostgresNumericTests {
    /// Builds the binary form: digit count, weight, sign, display scale, base-10000 digits.
    private func text(weight: Int16, sign: UInt16 = 0, scale: Int16, digits: [Int16]) -> String? {
        var bytes: [UInt8] = []
        for field in [UInt16(digits.count), UInt16(bitPattern: weight), sign, UInt16(bitPattern: scale)] + digits.map({ UInt16(bitPattern: $0) }) {
            bytes.append(UInt8(field >> 8))
            bytes.append(UInt8(field & 0xFF))
        }
        return bytes.withUnsafeBytes { PostgresNumeric.text(from: $0) }
    }

    @Test("Integer, fractional, negative and tiny values print as PostgreSQL prints them")
    func valuesPrintLikePostgres() {
        #expect(text(weight: 0, scale: 0, digits: []) == "0")
        #expect(text(weight: 1, scale: 0, digits: [12, 3456]) == "123456")
        #expect(text(weight: 2, scale: 0, digits: [1]) == "100000000")
        #expect(text(weight: 0, sign: 0x4000, scale: 4, digits: [123, 4500]) == "-123.4500")
        #expect(text(weight: -1, scale: 4, digits: [1]) == "0.0001")
        #expect(text(weight: -2, scale: 8, digits: [1]) == "0.00000001")
        #expect(text(weight: 0, scale: 2, digits: [1, 1000]) == "1.10")
        #expect(text(weight: 0, scale: 0, digits: [0]) == "0")
    }

    @Test("Special values and malformed input")
    func specialValues() {
        #expect(text(weight: 0, sign: 0xC000, scale: 0, digits: []) == "NaN")
        #expect(text(weight: 0, sign: 0xD000, scale: 0, digits: []) == "Infinity")
        #expect(text(weight: 0, sign: 0xF000, scale: 0, digits: []) == "-Infinity")
        #expect(text(weight: 0, sign: 0x1234, scale: 0, digits: []) == nil)
        #expect(text(weight: 0, scale: 0, digits: [10000]) == nil)
        #expect([UInt8]([0, 1]).withUnsafeBytes { PostgresNumeric.text(from: $0) } == nil)
    }

    @Test("Integral values convert to Int64; fractions and overflow do not")
    func integralConversion() {
        #expect(PostgresNumeric.integer(fromText: "42.000") == 42)
        #expect(PostgresNumeric.integer(fromText: "-9223372036854775808") == .min)
        #expect(PostgresNumeric.integer(fromText: "42.5") == nil)
        #expect(PostgresNumeric.integer(fromText: "9223372036854775808") == nil)
        #expect(PostgresNumeric.integer(fromText: "NaN") == nil)
    }
}
