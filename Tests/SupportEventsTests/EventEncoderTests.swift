import Foundation
import JSONSchema
import Testing
@testable import SupportEvents

@Suite struct EventEncoderTests {
    let now = RFC3339.parse("2026-11-20T02:00:00Z")!
    let messageID = UUID(uuidString: "6f1c1a4e-2b7d-4c55-9d0e-1d2c3b4a5f60")!

    @Test func encodesRepliesWithSnakeCaseKeysAndValidatesThem() throws {
        let reply = ReplyEvent(
            eventID: EventID.derive(messageID: messageID, kind: "reply").lowercasedString,
            messageID: messageID.lowercasedString, conversationID: "c1", customerID: "u1", text: "好的",
            language: "zh", createdAt: now, kind: .answer, intent: "order_status", outcome: nil, draftedBy: "template")
        let encoded = try EventEncoder.encode(reply)
        let value = try JSONValue.parse(encoded.payload)
        #expect(value["event_id"] == .string(reply.eventID))
        #expect(value["message_id"] == .string("6f1c1a4e-2b7d-4c55-9d0e-1d2c3b4a5f60"))
        #expect(value["created_at"] == "2026-11-20T02:00:00.000Z")
        #expect(value["drafted_by"] == "template")
        #expect(encoded.key == "c1")
    }

    @Test func neverLetsAnEventThatBreaksItsSchemaThrough() {
        let reply = ReplyEvent(
            eventID: "x", messageID: messageID.lowercasedString, conversationID: "c1", customerID: "u1", text: "",
            language: "fr", createdAt: now, kind: .answer, intent: "order_status", outcome: nil, draftedBy: "template")
        do {
            _ = try EventEncoder.encode(reply)
            Issue.record("an invalid reply was encoded")
        } catch {
            let paths = Set(error.violations.map(\.instancePath))
            #expect(paths == ["/event_id", "/text", "/language"])
        }
    }

    @Test func deadLettersCarryCoordinatesAndOriginalBytes() throws {
        let payload = Array(#"{"message_id":"6f1c1a4e-2b7d-4c55-9d0e-1d2c3b4a5f60","text":5}"#.utf8)
        let letter = DeadLetterEvent(
            source: .init(topic: "support.inbound", partition: 3, offset: 42),
            rejection: InboundRejection(code: .schemaViolation, message: "/text: expected string, found integer"),
            attempts: 1, key: Array("conv-9".utf8), payload: payload, createdAt: now)
        let encoded = try EventEncoder.encode(letter)
        let value = try JSONValue.parse(encoded.payload)
        #expect(value["source"] == ["topic": "support.inbound", "partition": 3, "offset": 42])
        #expect(value["error"]?["code"] == "schema_violation")
        #expect(value["message_id"] == "6f1c1a4e-2b7d-4c55-9d0e-1d2c3b4a5f60")
        #expect(Data(base64Encoded: value["payload_base64"]!.stringValue!).map(Array.init) == payload)
        #expect(encoded.key == "conv-9")
        #expect(letter.eventID == EventID.deadLetter(topic: "support.inbound", partition: 3, offset: 42).lowercasedString)
    }

    @Test func escalationsCarryNullOrderAndDecisionExplicitly() throws {
        let event = EscalationEvent(
            eventID: EventID.derive(messageID: messageID, kind: "escalation").lowercasedString,
            messageID: messageID.lowercasedString, conversationID: "c1", customerID: "u1",
            reasons: ["human_request"], priority: "normal", createdAt: now, customerText: "转人工",
            nlu: .init(language: "zh", intent: "human_agent", confidence: 0.9, entities: [], sentiment: .init(label: "neutral", score: 0.7)),
            customer: .init(id: "u1", tier: "regular", refundsLast90Days: 0), order: nil, decision: nil,
            suggestedReply: .init(text: "您好，正在为您转接人工客服。", language: "zh"),
            transcript: [.init(role: "customer", text: "转人工", at: now)])
        let value = try JSONValue.parse(try EventEncoder.encode(event).payload)
        #expect(value["order"] == .null)
        #expect(value["decision"] == .null)
        #expect(value["suggested_reply"]?["language"] == "zh")
    }

    @Test func agentEventsRoundTrip() throws {
        let event = AgentEvent(eventID: UUID(), conversationID: "c1", kind: .released, agentID: "agent-7", at: now)
        #expect(try AgentEvent.decode(event.encoded()) == event)
        #expect(throws: InboundRejection.self) { try AgentEvent.decode(Array(#"{"type":"released"}"#.utf8)) }
    }
}
