import JSONSchema
import SupportModel
import Testing
import Understanding

@Suite struct AnalyzeProcessorTests {
    let processor = AnalyzeProcessor(analyzer: RuleBasedAnalyzer(), referenceDay: Analyze.referenceDay)

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

    @Test func cuesStrongNegativeAndLowConfidenceAreEscalationReasons() async throws {
        let angry = try await run(#"{"id": 7, "text": "垃圾！骗子！！！我要去12315投诉你们，马上转人工"}"#)
        #expect(angry["id"] == 7)
        #expect(angry["escalate"] == true)
        #expect(angry["reasons"] == ["human_request", "legal_threat", "strong_negative"])
        let unclear = try await run(#"{"id": 8, "text": "asdfghjkl"}"#)
        #expect(unclear["reasons"] == ["low_confidence"])
    }

    @Test func thresholdsAreParameters() async throws {
        let strict = AnalyzeProcessor(
            analyzer: RuleBasedAnalyzer(), strongNegativeThreshold: 0.5, lowConfidenceThreshold: 0.99,
            referenceDay: Analyze.referenceDay)
        let lenient = AnalyzeProcessor(
            analyzer: RuleBasedAnalyzer(), strongNegativeThreshold: 1.01, lowConfidenceThreshold: 0,
            referenceDay: Analyze.referenceDay)
        let line = #"{"id": 1, "text": "太失望了，耳机坏了"}"#
        #expect(try await run(line, strict)["reasons"] == ["strong_negative", "low_confidence"])
        #expect(try await run(line, lenient)["reasons"] == [])
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
