import Foundation
import SupportModel
import SupportTools
import Testing
import Understanding

/// eval-nlu's input and scores: both file formats, clear errors, and figures computed the way
/// they are defined.
@Suite struct UnderstandingEvaluationTests {
    @Test func jsonLinesAndLabelledLinesReadTheSameMessage() throws {
        let json = """
            {"id": "a", "text": "订单JD2938还没到，我要投诉", "intent": "not_received", "sentiment": "negative", "language": "zh",
             "entities": [{"type": "order_id", "start": 2, "end": 8, "normalized": "JD2938"}], "cues": ["human_request"],
             "claimed_condition": null, "reference_date": "2026-11-20"}
            """.replacingOccurrences(of: "\n", with: "")
        let labelled = "not_received negative zh cues=human_request :: 订单[JD2938](order_id=JD2938)还没到，我要投诉"
        let a = try #require(try UnderstandingEvaluation.read(json).first)
        let b = try #require(try UnderstandingEvaluation.read("# comment\n\n" + labelled + "\n").first)
        #expect(a.text == b.text && a.intent == b.intent && a.sentiment == b.sentiment && a.language == b.language)
        #expect(a.entities == b.entities)
        #expect(a.cues == b.cues && a.mustEscalate == true && b.mustEscalate == true)
        #expect(a.referenceDay == (try CalendarDay(iso: "2026-11-20")))
        // An entity given by its text alone.
        let byText = try #require(try UnderstandingEvaluation.read(#"{"text": "my earbuds broke", "entities": [{"type": "product", "text": "earbuds"}]}"#).first)
        #expect(byText.entities == [LabelledMessage.Span(type: .product, start: 3, end: 10, normalized: nil)])
    }

    @Test(arguments: [
        (#"{"text": "hi", "intent": "greeting"}"#, "unknown intent"),
        (#"{"intent": "chitchat"}"#, "text"),
        (#"{"text": "hi", "entities": [{"type": "order_id", "start": 0, "end": 9}]}"#, "outside the text"),
        (#"{"text": "hi", "cues": ["angry"]}"#, "cue"),
        ("not json", "JSON"),
        (#"{"text": "hi", "reference_date": "20/11/2026"}"#, "reference_date"),
    ])
    func badLinesAreRefusedNamingTheProblem(line: String, problem: String) {
        let error = #expect(throws: LabelledMessageError.self) { try UnderstandingEvaluation.read("{\"text\": \"ok\"}\n" + line) }
        #expect(error?.line == 2)
        #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
    }

    @Test func scoresAreComputedAsDefined() async throws {
        // Two messages per language; the rules get some right and some wrong, and the
        // figures are checked against counts done by hand from the analyses.
        let lines = [
            #"{"text": "我的订单202611150001到哪了", "intent": "order_status", "sentiment": "neutral", "language": "zh", "cues": []}"#,
            #"{"text": "我要投诉，马上给我转人工", "intent": "human_agent", "sentiment": "negative", "language": "zh", "cues": ["human_request"]}"#,
            #"{"text": "where is my order 202611150001?", "intent": "order_status", "sentiment": "neutral", "language": "en", "cues": []}"#,
            #"{"text": "hello there", "intent": "refund_request", "sentiment": "positive", "language": "en"}"#,
        ].joined(separator: "\n")
        let messages = try UnderstandingEvaluation.read(lines)
        let evaluation = await UnderstandingEvaluation.run(messages, analyzer: RuleBasedAnalyzer(), referenceDay: try CalendarDay(iso: "2026-11-20"))
        var analyses: [MessageAnalysis] = []
        for message in messages { analyses.append(try RuleBasedAnalyzer().analysis(of: message.text, context: AnalysisContext(referenceDay: try CalendarDay(iso: "2026-11-20")))) }
        let correct = zip(messages, analyses).filter { $0.intent == $1.intent }.count
        #expect(evaluation.overall.intentAccuracy == Double(correct) / 4)
        #expect(evaluation.overall.intentLabelled == 4 && evaluation.overall.cuesLabelled == 3)
        #expect(evaluation.overall.mustEscalate == 1)
        #expect(evaluation.byLanguage[.chinese]?.messages == 2 && evaluation.byLanguage[.english]?.messages == 2)
        // "hello there" is not a refund request: a miss is listed for it.
        #expect(evaluation.missLines().contains { $0.contains("hello there") && $0.contains("intent refund_request") })
        let report = evaluation.report(title: "t")
        #expect(report.contains("intent macro-F1") && report.contains("must-escalate recall") && report.contains("top confusions"))
        #expect(evaluation.summary()["all"]?["messages"]?.intValue == 4)
    }
}
