import SupportTools
import JSONSchema
import Testing
import Drafting

@Suite struct DraftProcessorTests {
    let processor = DraftProcessor()

    @Test func draftsAPlanLineAndReportsTheBackendAndVerdict() async throws {
        let line = #"{"plan_id": "p1", "language": "en", "kind": "answer", "intent": "refund_request", "order": {"id": "202611150001", "status": "delivered"}, "decision": {"outcome": "approve_refund_only", "refund_minor": 2599, "currency": "USD", "deadlines": {"refund_by": "2026-11-27T02:00:00Z"}}}"#
        let out = try JSONValue.parse(try #require(await processor.process(line: line)))
        #expect(out["plan_id"] == "p1")
        #expect(out["backend"] == "template")
        #expect(out["guardrails"]?["passed"] == true)
        #expect(out["text"]?.stringValue?.contains("$25.99") == true)
    }

    @Test(arguments: [
        ("{not json", JSONValue.null, "not JSON"),
        (#"{"plan_id": "p2", "kind": "answer", "intent": "chitchat"}"#, "p2", "/language: missing required field"),
        (#"{"plan_id": "p3", "language": "en", "kind": "answer", "intent": "teleport"}"#, "p3", "/intent"),
        (#"{"plan_id": "p4", "language": "en", "kind": "answer", "intent": "order_status", "order": {"id": "1", "status": "shipped", "shipped_at": "last week"}}"#, "p4", "/order/shipped_at"),
        ("[1, 2]", .null, "JSON object"),
    ])
    func reportsBadLinesWithoutStopping(line: String, planID: JSONValue, message: String) async throws {
        let out = try JSONValue.parse(try #require(await processor.process(line: line)))
        #expect(out["plan_id"] == planID)
        #expect(out["error"]?.stringValue?.contains(message) == true, "\(out)")
    }

    @Test func skipsBlankLines() async {
        #expect(await processor.process(line: "  ") == nil)
    }
}
