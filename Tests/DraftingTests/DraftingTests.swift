import Foundation
import SupportModel
import Testing
@testable import Drafting

@Suite struct TemplateDrafterTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let order = ReplyPlan.OrderFacts(
        id: "202611150001", status: .delivered, carrier: "SF", trackingNumber: "SF1234567890123", carrierStatus: .delivered,
        promisedDeliveryBy: now, shippedAt: now, deliveredAt: now, productNames: ["羽绒服"])
    static let outcomes = PolicyOutcome.allCases

    static func plan(_ language: Language, _ kind: ReplyPlan.Kind, _ intent: Intent, outcome: PolicyOutcome?) -> ReplyPlan {
        let decision = outcome.map {
            ReplyPlan.DecisionFacts(
                outcome: $0, refund: Money(minorUnits: $0.isApproval ? 39_900 : 0, currency: "CNY"),
                returnShippingPaidBy: $0 == .approveReturnRefund ? .customer : nil,
                deadlines: $0 == .approveReturnRefund ? ["return_ship_by": now] : [:],
                reasons: [.init(code: "no_reason_window_expired", zh: "已超过7天无理由退货期限。", en: "The 7-day no-reason return period has ended.")])
        }
        return ReplyPlan(
            language: language, kind: kind, intent: intent, order: order, decision: decision,
            recentOrderIDs: ["202611150001", "202611020007"], escalationPriority: .normal)
    }

    @Test func everyTemplatePassesTheGuardrailsInBothLanguages() async {
        let drafter = TemplateDrafter()
        let guardrails = DraftGuardrails()
        var checked = 0
        for language in [Language.chinese, .english, .mixed] {
            for intent in Intent.allCases {
                for outcome in Self.outcomes + [nil] {
                    for kind in [ReplyPlan.Kind.answer, .clarification, .acknowledgement] {
                        let plan = Self.plan(language, kind, intent, outcome: outcome)
                        let text = drafter.render(plan)
                        let verdict = guardrails.check(text, against: plan)
                        #expect(verdict.passed, "\(language) \(kind) \(intent) \(outcome?.rawValue ?? "-"): \(verdict.violations) in \(text)")
                        checked += 1
                    }
                }
            }
        }
        print("template/guardrail combinations checked: \(checked)")
    }

    @Test func repliesStateTheDecisionsFactsInTheCustomersLanguage() {
        let zh = TemplateDrafter().render(Self.plan(.chinese, .answer, .returnRequest, outcome: .approveReturnRefund))
        #expect(zh.contains("¥399.00"))
        #expect(zh.contains("202611150001"))
        #expect(zh.contains("运费由您承担"))
        let en = TemplateDrafter().render(Self.plan(.english, .answer, .returnRequest, outcome: .approveReturnRefund))
        #expect(en.contains("CNY 399.00"))
        #expect(en.contains("paid by you"))
        let mixed = TemplateDrafter().render(Self.plan(.mixed, .answer, .returnRequest, outcome: .deny))
        #expect(mixed.contains("已超过7天无理由退货期限"))
    }

    @Test func clarificationsListOnlyTheCustomersOwnRecentOrders() {
        let text = TemplateDrafter().render(Self.plan(.english, .clarification, .refundRequest, outcome: nil))
        #expect(text.contains("202611150001, 202611020007"))
    }
}

@Suite struct DraftGuardrailsTests {
    let plan = TemplateDrafterTests.plan(.english, .answer, .damagedOrDefective, outcome: .deny)
    let guardrails = DraftGuardrails()

    func codes(_ text: String, _ plan: ReplyPlan? = nil) -> Set<GuardrailViolation.Code> {
        Set(guardrails.check(text, against: plan ?? self.plan).violations.map(\.code))
    }

    @Test func refusesAnInventedHotline() {
        // What greedy SmolLM2 wrote for a broken-screen complaint (research notes).
        #expect(codes("Please call our support hotline at 1-800-222-1111 for a replacement.").contains(.contactInfo))
        #expect(codes("请拨打 13800138000 联系我们").contains(.contactInfo))
        #expect(codes("Email us at help@shop.example").contains(.contactInfo))
    }

    @Test func refusesAmountsTheDecisionDidNotGrant() {
        let approved = TemplateDrafterTests.plan(.english, .answer, .refundRequest, outcome: .approveRefundOnly)
        #expect(codes("We will refund CNY 399.00 for order 202611150001.", approved).isEmpty)
        #expect(codes("We will refund CNY 5000.00 for order 202611150001.", approved) == [.unsupportedAmount])
        #expect(codes("退款 ¥50.00 已原路退回", TemplateDrafterTests.plan(.chinese, .answer, .refundRequest, outcome: .approveRefundOnly)) == [.unsupportedAmount])
    }

    @Test func refusesIdentifiersNotInThePlan() {
        #expect(codes("Your order 202611159999 is late.") == [.unknownIdentifier])
        #expect(codes("Tracking SF1234567890123 shows it delivered.").isEmpty)
    }

    @Test func refusesPromisesTheDecisionDidNotMake() {
        #expect(codes("Good news, your refund has been approved!").contains(.unfoundedPromise))
        #expect(codes("您的退款已通过").contains(.unfoundedPromise))
    }

    @Test func refusesTheWrongLanguage() {
        #expect(codes("您好，我们会尽快处理。") == [.wrongLanguage])
        #expect(codes("Hello there", TemplateDrafterTests.plan(.chinese, .answer, .chitchat, outcome: nil)) == [.wrongLanguage])
        #expect(codes("Your 羽绒服 arrived.").isEmpty)  // product names from the plan are fine
    }

    @Test func fallsBackToTheTemplateWhenTheModelDraftFails() async {
        struct Hallucinating: ReplyDrafter {
            let backendName = "test-model"
            func draft(_ plan: ReplyPlan) async throws -> String { "Call 1-800-222-1111, refund approved!" }
        }
        let service = DraftingService(primary: Hallucinating())
        let draft = await service.draft(plan)
        #expect(draft.backend == "template")
        #expect(draft.verdict.passed)
        #expect(draft.refusedDraftVerdict?.passed == false)
        #expect(draft.text == TemplateDrafter().render(plan))
    }
}
