import Foundation
import Testing
@testable import JSONSchema

@Suite struct JSONParserTests {
    @Test func parsesNestedDocumentsWithExactIntegers() throws {
        let v = try JSONValue.parse(#"{"a": [1, -2, 3.5, 1e3, true, null], "b": {"c": "x"}, "big": 9007199254740993}"#)
        #expect(v["a"] == .array([.int(1), .int(-2), .double(3.5), .double(1000), .bool(true), .null]))
        #expect(v["b"]?["c"] == .string("x"))
        #expect(v["big"] == .int(9_007_199_254_740_993))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let v = try JSONValue.parse(#"["\u9000\u00e9\n\"\\\/", "\ud83d\ude00"]"#)
        #expect(v == .array([.string("退é\n\"\\/"), .string("😀")]))
    }

    @Test(arguments: [
        ("{\"a\":1,}", JSONParseError.Code.unexpectedCharacter),
        ("[1,2", .unexpectedEnd),
        ("{\"a\":1,\"a\":2}", .duplicateKey),
        ("01", .trailingData),
        ("1.", .invalidNumber),
        ("-", .unexpectedEnd),
        ("\"\\x\"", .invalidEscape),
        ("\"\\ud800\"", .invalidEscape),
        ("\"a\u{01}b\"", .invalidString),
        ("nul", .unexpectedEnd),
        ("{} {}", .trailingData),
        ("", .unexpectedEnd),
    ])
    func refusesMalformedDocuments(text: String, code: JSONParseError.Code) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.code == code)
        }
    }

    @Test func refusesInvalidUTF8AndSaysWhere() {
        let bytes: [UInt8] = Array(#"{"text": "ok "#.utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        do {
            _ = try JSONValue.parse(bytes)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.code == .invalidUTF8)
            #expect(error.offset == 13)
        }
    }

    @Test func boundsNestingDepth() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: JSONParseError(code: .tooDeep, offset: 128)) { try JSONValue.parse(deep) }
    }

    @Test func serializationRoundTripsWithSortedKeys() throws {
        let text = #"{"z":1,"a":["x\n",{"k":null}],"m":2.5,"t":true}"#
        let v = try JSONValue.parse(text)
        #expect(v.serialized() == #"{"a":["x\n",{"k":null}],"m":2.5,"t":true,"z":1}"#)
        #expect(try JSONValue.parse(v.serialized()) == v)
    }

    @Test func rfc3339ParsesOffsetsAndRefusesImpossibleDates() throws {
        let a = try #require(RFC3339.parse("2026-11-20T18:00:00+08:00"))
        let b = try #require(RFC3339.parse("2026-11-20T10:00:00Z"))
        #expect(a == b)
        #expect(RFC3339.format(b) == "2026-11-20T10:00:00.000Z")
        #expect(RFC3339.parse("2026-02-30T10:00:00Z") == nil)
        #expect(RFC3339.parse("2026-11-20T24:00:00Z") == nil)
        #expect(RFC3339.parse("2026-11-20 10:00:00") == nil)
        #expect(RFC3339.parse("2024-02-29T00:00:00.5Z")!.timeIntervalSince1970 == 1_709_164_800.5)
    }

    @Test func rfc3339FormatClampsInstantsItCannotWrite() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59.999Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -.infinity)) == "0001-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
    }
}
