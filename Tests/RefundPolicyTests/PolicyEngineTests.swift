import Foundation
import SupportModel
import Testing

@testable import RefundPolicy

/// What a decision carries besides outcome and amount: facts, wording, deadlines, secrecy.
@Suite struct PolicyEngineTests {
    static let signFor = Date(timeIntervalSince1970: 1_794_722_400)  // 2026-11-15T06:00:00Z

    static func order(customer: String = "u1", status: OrderStatus = .delivered) -> OrderSnapshot {
        OrderSnapshot(
            id: "202611150001", customerID: customer, status: status, currency: "CNY",
            paidAt: signFor.addingTimeInterval(-5 * 86_400), shippedAt: signFor.addingTimeInterval(-4 * 86_400),
            deliveredAt: signFor, promisedDeliveryBy: signFor.addingTimeInterval(-86_400), carrier: "SF Express",
            trackingNumber: "SF1234567890", carrierStatus: .delivered, shippingFee: Money(minorUnits: 1000, currency: "CNY"),
            lines: [
                OrderLine(lineNo: 1, sku: "A1", productName: "羽绒服", category: .apparel, quantity: 1, unitPricePaid: Money(minorUnits: 39900, currency: "CNY")),
                OrderLine(lineNo: 2, sku: "B2", category: .shoes, quantity: 1, unitPricePaid: Money(minorUnits: 5900, currency: "CNY")),
            ],
            openRefunds: [OpenRefund(lineNo: 2, amount: Money(minorUnits: 5900, currency: "CNY"), status: "processing")])
    }

    static func decide(_ order: OrderSnapshot?, _ request: PolicyRequest, daysAfterSignFor: Double = 2) throws
        -> PolicyDecision
    {
        try PolicyTestSupport.defaultEngine().decide(
            PolicyCase(
                caseID: "t", now: signFor.addingTimeInterval(daysAfterSignFor * 86_400),
                customer: CustomerProfile(id: "u1"), order: order, request: request))
    }

    @Test func anotherCustomersOrderRevealsNothingAboutIt() throws {
        let decision = try Self.decide(Self.order(customer: "u2"), PolicyRequest(intent: .orderStatus, orderID: "202611150001"))
        #expect(decision.outcome == .needInfo)
        #expect(decision.facts == nil)
        #expect(decision.currency == nil)
        #expect(decision.refundMinorUnits == 0 && decision.lines.isEmpty && decision.deadlines.isEmpty)
        #expect(decision.returnShippingPaidBy == nil)
        let line = try decision.jsonLine()
        for secret in ["SF1234567890", "SF Express", "CNY", "39900", "delivered", "processing"] {
            #expect(!line.contains(secret), "the decision leaks \(secret)")
        }
    }

    @Test func aNoRemedyIntentCarriesTheOrderFactsForTheReply() throws {
        let decision = try Self.decide(Self.order(), PolicyRequest(intent: .orderStatus))
        #expect(decision.outcome == .none)
        let facts = try #require(decision.facts)
        #expect(facts.orderID == "202611150001")
        #expect(facts.orderStatus == .delivered)
        #expect(facts.trackingNumber == "SF1234567890")
        #expect(facts.carrierStatus == .delivered)
        #expect(facts.deliveredAt == Self.signFor)
        #expect(facts.openRefunds.count == 1)
    }

    @Test func refundStatusGivesTheOpenRefundOfTheLineAsked() throws {
        let decision = try Self.decide(Self.order(), PolicyRequest(intent: .refundStatus, lineNos: [2]))
        #expect(decision.outcome == .none)
        #expect(decision.reasonCodes == [.refundInProgress])
        #expect(decision.facts?.openRefunds == [OpenRefund(lineNo: 2, amount: Money(minorUnits: 5900, currency: "CNY"), status: "processing")])
        let other = try Self.decide(Self.order(), PolicyRequest(intent: .refundStatus, lineNos: [1]))
        #expect(other.reasonCodes == [.noOpenRefund])
        #expect(other.facts?.openRefunds.isEmpty == true)
    }

    @Test func reasonsCarryTheSentencesOfThePolicyFile() throws {
        let policy = try PolicyTestSupport.defaultPolicy()
        let decision = try Self.decide(Self.order(), PolicyRequest(intent: .returnRequest, lineNos: [1]))
        #expect(decision.outcome == .approveReturnRefund)
        for reason in decision.reasons {
            #expect(reason.zh == policy.reasons[reason.code.rawValue]?.zh)
            #expect(reason.en == policy.reasons[reason.code.rawValue]?.en)
        }
        #expect(decision.refund == Money(minorUnits: 39900, currency: "CNY"))
        #expect(decision.lines == [DecisionLine(lineNo: 1, units: 1, refund: Money(minorUnits: 39900, currency: "CNY"))])
    }

    @Test func policyOwnersCanRewordAReasonInTheFile() throws {
        var policy = try PolicyTestSupport.defaultPolicy()
        policy.reasons["no_reason_return_eligible"] = ReasonWording(zh: "可以退货。", en: "You can return it.")
        let decision = PolicyEngine(policy: policy).decide(
            PolicyCase(
                now: Self.signFor.addingTimeInterval(86_400), customer: CustomerProfile(id: "u1"), order: Self.order(),
                request: PolicyRequest(intent: .returnRequest, lineNos: [1])))
        #expect(decision.reasons.first == DecisionReason(code: .noReasonReturnEligible, zh: "可以退货。", en: "You can return it."))
    }

    @Test func aReasonWithoutWordingIsWordedByItsCode() throws {
        var policy = try PolicyTestSupport.defaultPolicy()
        policy.reasons["no_reason_return_eligible"] = nil
        let decision = PolicyEngine(policy: policy).decide(
            PolicyCase(
                now: Self.signFor.addingTimeInterval(86_400), customer: CustomerProfile(id: "u1"), order: Self.order(),
                request: PolicyRequest(intent: .returnRequest, lineNos: [1])))
        #expect(decision.reasons.first?.en == "no_reason_return_eligible")
    }

    @Test func aManualReviewKeepsWhatWouldHaveBeenApproved() throws {
        let decision = try PolicyTestSupport.defaultEngine().decide(
            PolicyCase(
                now: Self.signFor.addingTimeInterval(86_400), customer: CustomerProfile(id: "u1", fraudFlag: true),
                order: Self.order(), request: PolicyRequest(intent: .returnRequest, lineNos: [1])))
        #expect(decision.outcome == .manualReview)
        #expect(decision.refundMinorUnits == 39900)
        #expect(decision.returnShippingPaidBy == .customer)
        #expect(decision.deadlines[.returnShipBy] != nil)
        #expect(decision.ruleIDs.contains(.limitFraud) && decision.ruleIDs.contains(.noReasonReturn))
    }

    @Test func theEngineIsUsableFromManyTasksAtOnce() async throws {
        let engine = try PolicyTestSupport.defaultEngine()
        let policyCase = PolicyCase(
            now: Self.signFor.addingTimeInterval(86_400), customer: CustomerProfile(id: "u1"), order: Self.order(),
            request: PolicyRequest(intent: .returnRequest, lineNos: [1]))
        let expected = engine.decide(policyCase)
        let decisions = await withTaskGroup(of: PolicyDecision.self) { group in
            for _ in 0..<32 { group.addTask { engine.decide(policyCase) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(decisions.count == 32 && decisions.allSatisfy { $0 == expected })
    }

    @Test func dateOnlyWindowsEndAtTheEndOfTheCalendarDayInTheTimezone() throws {
        let clock = try #require(PolicyClock(now: Self.signFor, timezoneIdentifier: "Asia/Shanghai"))
        let end = clock.windowEnd(afterSignFor: Self.signFor, precision: .date, days: 7)
        #expect(end.epochMilliseconds == (try PolicyTestSupport.instant("2026-11-22T15:59:59.999Z")).epochMilliseconds)
        let exact = clock.windowEnd(afterSignFor: Self.signFor, precision: .instant, days: 7)
        #expect(exact.epochMilliseconds == (try PolicyTestSupport.instant("2026-11-22T06:00:00Z")).epochMilliseconds)
        #expect(PolicyClock(now: Self.signFor, timezoneIdentifier: "Not/AZone") == nil)
    }
}
