import Foundation
import JSONSchema
import SupportModel
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
        #expect(encoded.key == Array("c1".utf8))
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
        #expect(encoded.key == Array("conv-9".utf8))
        #expect(letter.eventID == EventID.deadLetter(topic: "support.inbound", partition: 3, offset: 42, payload: payload).lowercasedString)
    }

    @Test func deadLettersKeepAMissingOrNonTextKeyExactly() throws {
        let payload = Array("not json".utf8)
        let source = DeadLetterEvent.Source(topic: "support.inbound", partition: 0, offset: 7)
        let rejection = InboundRejection(code: .invalidJSON, message: "not JSON")
        let keyless = try EventEncoder.encode(
            DeadLetterEvent(source: source, rejection: rejection, attempts: 1, key: nil, payload: payload, createdAt: now))
        #expect(keyless.key == nil)
        #expect(try JSONValue.parse(keyless.payload)["key_base64"] == .null)
        let binaryKey: [UInt8] = [0xFF, 0x00, 0x41, 0xC3]
        let binary = try EventEncoder.encode(
            DeadLetterEvent(source: source, rejection: rejection, attempts: 1, key: binaryKey, payload: payload, createdAt: now))
        #expect(binary.key == binaryKey)
        #expect(try JSONValue.parse(binary.payload)["key_base64"] == .string(Data(binaryKey).base64EncodedString()))
    }

    @Test func escalationsWriteEveryFieldUnderItsSchemaName() throws {
        let event = EscalationEvent(
            eventID: EventID.derive(messageID: messageID, kind: "escalation").lowercasedString,
            messageID: messageID.lowercasedString, conversationID: "c1", customerID: "u1",
            reasons: [.manualReview], priority: .normal, createdAt: now, customerText: "I want to return it",
            nlu: .init(
                language: "en", intent: "return_request", confidence: 0.8,
                entities: [.init(type: "order_id", text: "202611150001", start: 5, end: 17, normalized: "202611150001")],
                sentiment: .init(label: "neutral", score: 0.6)),
            customer: .init(id: "u1", tier: .vip, refundsLast90Days: 2),
            order: .init(
                id: "202611150001", status: "delivered", currency: "CNY", paidAt: now, shippedAt: now, deliveredAt: now,
                promisedDeliveryBy: now, carrier: "SF", trackingNumber: "SF1", carrierStatus: "signed",
                shippingFee: Money(minorUnits: 800, currency: "CNY"),
                lines: [.init(lineNo: 1, sku: "S1", productName: "Jacket", category: "apparel", quantity: 1,
                              unitPricePaid: Money(minorUnits: 29900, currency: "CNY"), refunded: .zero("CNY"))]),
            decision: .init(
                outcome: .manualReview, refund: .zero("CNY"), returnShippingPaidBy: .customer,
                reasonCodes: ["unknown_category"], ruleIDs: ["R0.unknown"], policyVersion: "2026.11",
                reasons: [.init(code: "unknown_category", zh: "类目未知", en: "Unknown category")]),
            suggestedReply: .init(text: "We are checking your return.", language: "en"),
            transcript: [.init(role: "customer", text: "I want to return it", at: now)])
        // The schema is closed: a field written under another name than the schema's is refused.
        let value = try JSONValue.parse(try EventEncoder.encode(event).payload)
        #expect(value["customer"]?["refunds_last_90_days"] == 2)
        #expect(value["order"]?["lines"]?.arrayValue?.first?["unit_price_paid_minor"] == 29900)
        #expect(value["decision"]?["return_shipping_paid_by"] == "customer")
    }

    @Test func fieldsTheSchemaDoesNotDeclareAreNeverPublished() {
        struct ReplyWithAnExtraField: OutboundEvent {
            static let kind = EventKind.reply
            var schemaVersion = 1
            var eventID = "6f1c1a4e-2b7d-4c55-9d0e-1d2c3b4a5f61"
            var messageID = "6f1c1a4e-2b7d-4c55-9d0e-1d2c3b4a5f60"
            var conversationID = "c1"
            var customerID = "u1"
            var text = "ok"
            var language = "en"
            var createdAt = Date(timeIntervalSince1970: 0)
            var kind = "answer"
            var internalNote = "refund approved by rule R4"
            var kafkaKey: [UInt8]? { Array(conversationID.utf8) }
        }
        do {
            _ = try EventEncoder.encode(ReplyWithAnExtraField())
            Issue.record("an event with an undeclared field was encoded")
        } catch {
            #expect(error.violations.map(\.instancePath) == ["/internal_note"])
        }
    }

    @Test func escalationsCarryNullOrderAndDecisionExplicitly() throws {
        let event = EscalationEvent(
            eventID: EventID.derive(messageID: messageID, kind: "escalation").lowercasedString,
            messageID: messageID.lowercasedString, conversationID: "c1", customerID: "u1",
            reasons: [.humanRequest], priority: .normal, createdAt: now, customerText: "转人工",
            nlu: .init(language: "zh", intent: "human_agent", confidence: 0.9, entities: [], sentiment: .init(label: "neutral", score: 0.7)),
            customer: .init(id: "u1", tier: .regular, refundsLast90Days: 0), order: nil, decision: nil,
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
