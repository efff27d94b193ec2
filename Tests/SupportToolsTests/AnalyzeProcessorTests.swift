import SupportTools
import JSONSchema
import SupportModel
import Testing
import Understanding

@Suite struct AnalyzeProcessorTests {
    /// Escalates on the message's cues only (the worker's rules are tested in WorkerTests).
    let processor = AnalyzeProcessor(
        analyzer: RuleBasedAnalyzer(), escalationReasons: { $0.cues.map(\.kind.rawValue) }, referenceDay: try! CalendarDay(year: 2026, month: 11, day: 20))

    private func run(_ line: String, _ processor: AnalyzeProcessor? = nil) async throws -> JSONValue {
        try JSONValue.parse(await (processor ?? self.processor).process(line: line))
    }

    @Test func aLineGivesLanguageIntentEntitiesSentimentAndEscalation() async throws {
        let out = try await run(#"{"id": "m-1", "text": "我想退货，订单号是12345678，还没拆封"}"#)
        #expect(out["id"] == "m-1")
        #expect(out["language"] == "zh")
        #expect(out["reply_language"] == "zh")
        #expect(out["intent"] == "return_request")
        #expect((out["confidence"]?.doubleValue ?? 0) > 0.5)
        #expect(out["entities"] == [["type": "order_id", "text": "12345678", "start": 9, "end": 17, "normalized": "12345678"]])
        #expect(out["sentiment"]?["label"] == "neutral")
        #expect(out["claimed_condition"] == "unopened")
        #expect(out["escalate"] == false)
        #expect(out["reasons"] == [])
        #expect(out["error"] == nil)
    }

    @Test func theEscalationJudgeDecidesEscalateAndReasons() async throws {
        let angry = try await run(#"{"id": 7, "text": "垃圾！骗子！！！我要去12315投诉你们，马上转人工"}"#)
        #expect(angry["id"] == 7)
        #expect(angry["escalate"] == true)
        #expect(Set(angry["reasons"]?.arrayValue ?? []) == ["human_request", "legal_threat"])
        let never = AnalyzeProcessor(analyzer: RuleBasedAnalyzer(), escalationReasons: { _ in [] }, referenceDay: try! CalendarDay(year: 2026, month: 11, day: 20))
        let calm = try await run(#"{"id": 7, "text": "垃圾！骗子！！！我要去12315投诉你们，马上转人工"}"#, never)
        #expect(calm["escalate"] == false && calm["reasons"] == [])
    }

    @Test func localeAndReferenceDateAreRead() async throws {
        let out = try await run(#"{"id": "a", "text": "refund $20, ordered yesterday", "locale": "en-CA", "reference_date": "2026-01-01"}"#)
        let entities = out["entities"]?.arrayValue ?? []
        #expect(entities.contains { $0["normalized"] == "2000 CAD" })
        #expect(entities.contains { $0["normalized"] == "2025-12-31" })
    }

    @Test(arguments: [
        ("not json", JSONValue.null, "line is not valid JSON"),
        (#"["text"]"#, .null, "line must be a JSON object, got array"),
        (#"{"id": "x"}"#, "x", #"missing field "text""#),
        (#"{"id": "x", "text": 42}"#, "x", #"field "text" must be a string, got integer"#),
        (#"{"id": 3, "text": null}"#, 3, #"field "text" must be a string, got null"#),
        (#"{"id": "y", "text": "hi", "locale": 1}"#, "y", #"field "locale" must be a string, got integer"#),
        (#"{"id": "z", "text": "hi", "reference_date": "2026-02-30"}"#, "z", #"field "reference_date" must be a date YYYY-MM-DD"#),
        (#"{"id": "e", "text": "   "}"#, "e", "the message text is empty"),
    ])
    func badLinesGiveAnErrorWithTheirID(line: String, id: JSONValue, message: String) async throws {
        let out = try await run(line)
        #expect(out["id"] == id)
        #expect(out["error"]?.stringValue?.hasPrefix(message) == true, "\(out)")
        #expect(out["intent"] == nil)
    }

    @Test func linesAreIndependent() async throws {
        let lines = [#"{"id": 1, "text": "where is my order"}"#, "{broken", #"{"id": 3, "text": "转人工"}"#]
        var outputs: [JSONValue] = []
        for line in lines { outputs.append(try await run(line)) }
        #expect(outputs.map { $0["id"] } == [1, .null, 3])
        #expect(outputs[0]["intent"] == "order_status")
        #expect(outputs[1]["error"] != nil)
        #expect(outputs[2]["intent"] == "human_agent")
    }
}
