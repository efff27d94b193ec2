import Foundation
import JSONSchema
import RefundPolicy
import SupportEvents
import Escalation
import SupportModel
import Testing
import Understanding
@testable import SupportPipeline

/// Every escalation trigger, in Chinese and in English, through the real analyzer, policy and
/// rules: the escalation event names the reason and the priority, and the bot acknowledges.
@Suite struct EscalationTriggerTests {
    @Test(arguments: [
        ("转人工，我要找人工客服", "human_request", "normal"),
        ("I want to talk to a real person, not a bot", "human_request", "normal"),
        ("再不解决我就去12315投诉你们", "legal_threat", "high"),
        ("Sort this out or my lawyer will be in touch and I'll file a chargeback", "legal_threat", "high"),
        ("订单202611150001的羽绒服拉链把孩子的手划伤了", "safety", "urgent"),
        ("The jacket from order 202611150001 caught fire on the heater and burned my hand", "safety", "urgent"),
        ("你们就是骗子！垃圾平台！太恶心了！！！", "strong_negative", "normal"),
        ("This is the worst shop ever, total scam, absolutely disgusting!!!", "strong_negative", "normal"),
    ])
    func eachTriggerEscalatesInBothLanguages(text: String, reason: String, priority: String) async throws {
        let h = try PipelineHarness()
        await h.handle(h.inbound(text))
        let escalation = try #require(h.published(.escalation).first, "no escalation for: \(text)")
        #expect(escalation["reasons"]?.arrayValue?.contains(.string(reason)) == true, "\(escalation["reasons"] ?? .null) for: \(text)")
        #expect(escalation["priority"] == .string(priority))
        #expect(h.published(.reply).first?["kind"] == "acknowledgement")
    }

    @Test(arguments: [("订单202611150001到哪了", "订单202611150001到底到哪了？"), ("Where is order 202611150001?", "Where is my order 202611150001??")])
    func theSameProblemRaisedAgainAfterAnAnswerEscalates(first: String, again: String) async throws {
        let h = try PipelineHarness()
        await h.handle(h.inbound(first))
        #expect(h.published(.escalation).isEmpty)
        await h.handle(h.inbound(again))
        #expect(h.published(.escalation).first?["reasons"] == ["repeated_contact"])
    }

    @Test(arguments: ["随便吧不知道", "hmm well you know whatever thing"])
    func lowConfidenceEscalates(text: String) async throws {
        let h = try PipelineHarness()
        await h.handle(h.inbound(text))
        let reasons = h.published(.escalation).first?["reasons"]?.arrayValue ?? []
        #expect(reasons.contains("low_confidence"), "\(reasons) for: \(text)")
    }

    @Test(arguments: ["订单202611150001的衣服我想退货", "I want to return order 202611150001"])
    func manualReviewByThePolicyEscalatesWithTheDecision(text: String) async throws {
        let h = try PipelineHarness()
        h.store.state.withLock { $0.customers["u1"] = CustomerProfile(id: "u1", fraudFlag: true) }
        await h.handle(h.inbound(text))
        let escalation = try #require(h.published(.escalation).first)
        #expect(escalation["reasons"] == ["manual_review"])
        #expect(escalation["decision"]?["outcome"] == "manual_review")
        #expect(escalation["decision"]?["refund_minor"] == 39_900)
        #expect(h.published(.refundRequest).isEmpty)
    }

    @Test func highOrderValueEscalatesARemedyRequest() async throws {
        let h = try PipelineHarness()
        h.store.state.withLock { s in
            var order = s.orders["202611150001"]!
            order.lines[0].unitPricePaid = Money(minorUnits: 899_900, currency: order.currency)
            s.orders[order.id] = order
        }
        await h.handle(h.inbound("订单202611150001我想退货"))
        #expect(h.published(.escalation).first?["reasons"]?.arrayValue?.contains("high_order_value") == true)
        #expect(h.published(.escalation).first?["priority"] == "high")
    }

    /// `support-worker analyze` judges a message with the same rules and switches as the worker.
    @Test(arguments: [
        "转人工，我要找人工客服", "I want to talk to a real person, not a bot", "再不解决我就去12315投诉你们",
        "The jacket from order 202611150001 caught fire on the heater and burned my hand",
        "你们就是骗子！垃圾平台！太恶心了！！！", "hmm well you know whatever thing", "订单202611150001到哪了",
    ])
    func analyzeAndTheWorkerAgreeOnWhatTheMessageAloneRaises(text: String) async throws {
        let h = try PipelineHarness()
        await h.handle(h.inbound(text))
        let analysis = try RuleBasedAnalyzer().analysis(of: text, context: AnalysisContext(referenceDay: try CalendarDay(year: 2026, month: 11, day: 20)))
        let reasons = MessageEscalation.reasons(for: analysis, rules: EscalationRules(configuration: .standard))
        let published = h.published(.escalation).first?["reasons"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(reasons == published, "analyze \(reasons) vs worker \(published) for: \(text)")
    }

    @Test func aSwitchedOffTriggerRaisesNothingInAnalyze() throws {
        let config = try EscalationConfiguration.parse(#"{"version": "t", "triggers": {"human_request": {"enabled": false}}}"#)
        let analysis = try RuleBasedAnalyzer().analysis(
            of: "转人工，我要找人工客服", context: AnalysisContext(referenceDay: try CalendarDay(year: 2026, month: 11, day: 20)))
        #expect(MessageEscalation.reasons(for: analysis, rules: EscalationRules(configuration: .standard)) == ["human_request"])
        #expect(MessageEscalation.reasons(for: analysis, rules: EscalationRules(configuration: config)).isEmpty)
    }
}
