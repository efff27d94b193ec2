import Foundation
import SupportModel
import Testing
import TestSupport

@testable import RefundPolicy

/// The spec's invariants (rule 10) over generated cases. Each property prints how many cases
/// it ran; the seeds are fixed so a failure replays.
@Suite struct PolicyPropertyTests {
    static let casesPerProperty = 3_000

    /// The most a decision may refund for `policyCase`: what remains unrefunded on the lines it
    /// covers, plus the shipping fee; nil when the amounts overflow (the engine must then refund
    /// nothing).
    static func refundCeiling(of decision: PolicyDecision, for policyCase: PolicyCase) -> Int64? {
        guard let order = policyCase.order else { return 0 }
        var ceiling: Int64 = max(0, order.shippingFee.minorUnits)
        for covered in decision.lines {
            guard let line = order.lines.first(where: { $0.lineNo == covered.lineNo }) else { return nil }
            let (paid, overflow) = Int64(line.quantity).multipliedReportingOverflow(by: line.unitPricePaid.minorUnits)
            guard !overflow else { return nil }
            let (sum, sumOverflow) = ceiling.addingReportingOverflow(paid - line.refunded.minorUnits)
            guard !sumOverflow else { return nil }
            ceiling = sum
        }
        return ceiling
    }

    @Test func refundNeverExceedsPaidMinusRefundedAndIsNeverNegative() throws {
        let policy = try PolicyTestSupport.defaultPolicy()
        let engine = PolicyEngine(policy: policy)
        var generator = PolicyCaseGenerator(seed: 0x5EED_0001, policy: policy)
        var checked = 0
        var refunded = 0
        for index in 0..<Self.casesPerProperty * 2 {
            let policyCase = index.isMultiple(of: 2) ? generator.validCase() : generator.wildCase()
            let decision = engine.decide(policyCase)
            #expect(decision.refundMinorUnits >= 0)
            #expect((decision.shippingFeeRefund?.minorUnits ?? 0) >= 0)
            #expect(decision.refundMinorUnits == decision.lines.reduce((decision.shippingFeeRefund?.minorUnits ?? 0)) { $0 + $1.refund.minorUnits })
            for covered in decision.lines {
                #expect(covered.refund.minorUnits >= 0)
                let line = try #require(policyCase.order?.lines.first { $0.lineNo == covered.lineNo })
                #expect(covered.units >= 1 && covered.units <= line.quantity)
                #expect(covered.refund.minorUnits <= line.quantity * Int(line.unitPricePaid.minorUnits) - Int(line.refunded.minorUnits))
            }
            if (decision.shippingFeeRefund?.minorUnits ?? 0) > 0 {
                #expect((decision.shippingFeeRefund?.minorUnits ?? 0) == policyCase.order?.shippingFee.minorUnits)
            }
            let ceiling = try #require(Self.refundCeiling(of: decision, for: policyCase))
            #expect(decision.refundMinorUnits <= ceiling, "case \(index)")
            checked += 1
            if decision.refundMinorUnits > 0 { refunded += 1 }
        }
        #expect(refunded > Self.casesPerProperty / 20, "the generator reaches refunds")
        print("property refund ≤ paid − refunded, never negative: \(checked) cases (\(refunded) with a refund)")
    }

    @Test func legallyExcludedCategoriesAreNeverApprovedUnderTheNoReasonRule() throws {
        let policy = try PolicyTestSupport.defaultPolicy()
        let engine = PolicyEngine(policy: policy)
        let excludedList = policy.noReasonReturn.legallyExcludedCategories
        let excluded = Set(excludedList)
        let noReasonIntents: [Intent] = [.returnRequest, .refundRequest, .exchangeRequest]
        var generator = PolicyCaseGenerator(seed: 0x5EED_0002, policy: policy)
        var checked = 0
        var allExcludedNoReasonRequests = 0
        for caseNumber in 0..<Self.casesPerProperty {
            var policyCase = generator.validCase()
            let decision = engine.decide(policyCase)
            if decision.ruleIDs.contains(.noReasonWindow) {
                for covered in decision.lines {
                    let line = try #require(policyCase.order?.lines.first { $0.lineNo == covered.lineNo })
                    #expect(!excluded.contains(line.category), "line of \(line.category) approved without reason")
                    #expect(!line.noReasonReturnExcludedConfirmed)
                }
            }
            // The same case with every line of an excluded category, asked as a no-reason return.
            guard var order = policyCase.order else { continue }
            for index in order.lines.indices {
                order.lines[index].category = excludedList[(caseNumber + index) % excludedList.count]
            }
            policyCase.order = order
            policyCase.request.intent = noReasonIntents[caseNumber % noReasonIntents.count]
            if policyCase.request.claimedCondition?.isQualityProblem == true { policyCase.request.claimedCondition = nil }
            let excludedDecision = engine.decide(policyCase)
            if excludedDecision.ruleIDs.contains(.noReasonWindow) {
                allExcludedNoReasonRequests += 1
                #expect(!excludedDecision.outcome.isApproval)
                #expect(excludedDecision.refundMinorUnits == 0)
                #expect(excludedDecision.lines.isEmpty)
            }
            checked += 2
        }
        #expect(allExcludedNoReasonRequests > 100, "the generator reaches the no-reason rule")
        print(
            "property excluded categories never approved under the no-reason rule: \(checked) cases "
                + "(\(allExcludedNoReasonRequests) all-excluded no-reason requests)")
    }

    @Test func theDecisionIsAPureFunctionOfItsInputs() async throws {
        try await offCooperativePool {
            let policy = try PolicyTestSupport.defaultPolicy()
            let engine = PolicyEngine(policy: policy)
            let otherEngine = PolicyEngine(policy: try PolicyTestSupport.defaultPolicy())
            var generator = PolicyCaseGenerator(seed: 0x5EED_0003, policy: policy)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let decoder = JSONDecoder()
            var checked = 0
            for _ in 0..<Self.casesPerProperty {
                let policyCase = generator.validCase()
                let decision = engine.decide(policyCase)
                #expect(engine.decide(policyCase) == decision)
                #expect(otherEngine.decide(policyCase) == decision)
                // The case through its JSON form decides the same.
                let roundTripped = try decoder.decode(PolicyCase.self, from: try encoder.encode(policyCase))
                #expect(engine.decide(roundTripped) == decision)
                // The decision through its JSON form is the same decision, byte for byte.
                let bytes = try encoder.encode(decision)
                let decoded = try decoder.decode(PolicyDecision.self, from: bytes)
                #expect(decoded == decision)
                #expect(try encoder.encode(decoded) == bytes)
                #expect(try decoded.jsonLine() == decision.jsonLine())
                checked += 1
            }
            print("property determinism and JSON round trip: \(checked) cases")
        }
    }

    @Test func anUnknownCategoryOrStatusGoesToManualReview() throws {
        let policy = try PolicyTestSupport.defaultPolicy()
        let engine = PolicyEngine(policy: policy)
        var generator = PolicyCaseGenerator(seed: 0x5EED_0004, policy: policy)
        var checked = 0
        for _ in 0..<Self.casesPerProperty {
            let policyCase = generator.caseWithUnknownValue()
            let decision = engine.decide(policyCase)
            #expect(decision.outcome == .manualReview, "\(decision.reasonCodes)")
            #expect(
                decision.reasonCodes.allSatisfy {
                    [.unknownCategory, .unknownOrderStatus, .unknownCarrierStatus, .unknownClaimedCondition].contains($0)
                })
            #expect(decision.refundMinorUnits == 0)
            checked += 1
        }
        print("property unknown category or status → manual_review: \(checked) cases")
    }

    @Test func noGeneratedCaseCrashesTheEngineOrTheProcessor() throws {
        let policy = try PolicyTestSupport.defaultPolicy()
        let engine = PolicyEngine(policy: policy)
        var generator = PolicyCaseGenerator(seed: 0x5EED_0005, policy: policy)
        let encoder = JSONEncoder()
        var decided = 0
        var lines = 0
        for _ in 0..<Self.casesPerProperty {
            let policyCase = generator.wildCase()
            let decision = engine.decide(policyCase)
            #expect(!decision.reasonCodes.isEmpty && !decision.ruleIDs.isEmpty)
            decided += 1
            if let data = try? encoder.encode(policyCase) {
                let output = PolicyTestSupport.decideLine(engine, String(decoding: data, as: UTF8.self))
                #expect(!output.contains("\n"))
                lines += 1
            }
        }
        print("property no crash on generated cases: \(decided) cases decided, \(lines) through the processor")
    }
}
