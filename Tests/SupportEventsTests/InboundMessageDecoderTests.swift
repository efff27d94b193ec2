import Foundation
import JSONSchema
import Testing
@testable import SupportEvents

@Suite struct InboundMessageDecoderTests {
    let decoder = InboundMessageDecoder()

    func payload(_ overrides: [String: JSONValue], removing: [String] = []) -> [UInt8] {
        var members: [String: JSONValue] = [
            "schema_version": 1, "message_id": "6f1c1a4e-2b7d-4c55-9d0e-1d2c3b4a5f60",
            "conversation_id": "conv-1", "customer_id": "u1", "channel": "web",
            "text": "我想退货，订单号是202611150001", "sent_at": "2026-11-20T10:00:00+08:00",
        ]
        for (k, v) in overrides { members[k] = v }
        for k in removing { members[k] = nil }
        return Array(JSONValue.object(members).serialized().utf8)
    }

    @Test func decodesAValidMessageAndIgnoresUnknownExtraFields() throws {
        let message = try decoder.decode(payload(["locale": "zh-CN", "gateway_hint": ["x": 1]]))
        #expect(message.conversationID == "conv-1")
        #expect(message.text == "我想退货，订单号是202611150001")
        #expect(message.locale == "zh-CN")
        #expect(message.sentAt == RFC3339.parse("2026-11-20T02:00:00Z"))
    }

    func rejection(_ bytes: [UInt8]) -> InboundRejection? {
        do {
            _ = try decoder.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func refusesInvalidUTF8() {
        var bytes = payload([:])
        let i = bytes.firstIndex(of: UInt8(ascii: "w"))!  // inside "web"
        bytes[i] = 0xFF
        #expect(rejection(bytes)?.code == .invalidUTF8)
    }

    @Test func refusesBrokenJSON() {
        #expect(rejection(Array("{\"schema_version\": 1,".utf8))?.code == .invalidJSON)
        #expect(rejection([])?.code == .invalidJSON)
    }

    @Test(arguments: [
        ("message_id", JSONValue.string("not-a-uuid"), "/message_id"),
        ("text", .int(42), "/text"),
        ("text", .string(""), "/text"),
        ("sent_at", .string("yesterday"), "/sent_at"),
        ("customer_id", .null, "/customer_id"),
        ("channel", .string("Web Chat"), "/channel"),
    ])
    func refusesFieldsOfTheWrongTypeOrForm(field: String, value: JSONValue, path: String) throws {
        let r = try #require(rejection(payload([field: value])))
        #expect(r.code == .schemaViolation)
        #expect(r.message.hasPrefix(path))
    }

    @Test func refusesMissingFieldsNamingThem() throws {
        let r = try #require(rejection(payload([:], removing: ["customer_id"])))
        #expect(r.code == .schemaViolation)
        #expect(r.message.contains("customer_id"))
    }

    @Test func refusesOtherSchemaVersions() {
        #expect(rejection(payload(["schema_version": 2]))?.code == .unsupportedSchemaVersion)
    }

    @Test func refusesTextOver16KiBOfUTF8EvenWhenUnder16KCharacters() {
        let chinese = String(repeating: "退", count: 6000)  // 18,000 bytes
        #expect(rejection(payload(["text": .string(chinese)]))?.code == .textTooLong)
        let ascii = String(repeating: "a", count: 16 * 1024)
        #expect(rejection(payload(["text": .string(ascii)])) == nil)
        #expect(rejection(payload(["text": .string(ascii + "a")])) != nil)
    }

    @Test func refusesHugePayloadsBeforeParsing() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: 70_000)
        #expect(rejection(bytes)?.code == .payloadTooLarge)
    }

    @Test func rejectionMessagesDoNotEchoCustomerText() throws {
        let r = try #require(rejection(payload(["text": .int(5), "channel": "我的手机13800138000"])))
        #expect(!r.message.contains("13800138000"))
    }
}
