import Foundation
import SupportModel

extension OrderEvaluation {
    /// Rule 4: the seven-day no-reason return. A line is eligible within the window unless its
    /// category is excluded by law, the buyer confirmed an exclusion, or the stated condition
    /// voids the right. Eligible lines are returned and refunded (or exchanged when asked and
    /// the variant is in stock); return shipping is the customer's unless insured.
    func noReasonReturn(_ lines: [CoveredLine], signFor: Date) -> Verdict {
        let settings = policy.noReasonReturn
        let windowEnd = clock.windowEnd(
            afterSignFor: signFor, precision: order.deliveredAtPrecision, days: settings.windowDays)
        var reasons: [ReasonCode] = []
        var rules: [RuleID] = [.noReasonWindow]
        let windowOpen = clock.isOnOrBefore(windowEnd)
        if !windowOpen { reasons.append(.noReasonWindowExpired) }

        var eligible: [CoveredLine] = []
        for line in lines {
            var excluded = false
            if settings.legallyExcludedCategories.contains(line.line.category) {
                reasons.append(.excludedCategory(line.line.category))
                rules.append(.noReasonLegalExclusion)
                excluded = true
            }
            if line.line.noReasonReturnExcludedConfirmed {
                reasons.append(.buyerConfirmedExclusion)
                rules.append(.noReasonConfirmedExclusion)
                excluded = true
            }
            if let claim = request.claimedCondition, settings.ineligibleConditions.contains(claim) {
                reasons.append(.itemCondition(claim))
                rules.append(.noReasonCondition)
                excluded = true
            }
            if windowOpen && !excluded { eligible.append(line) }
        }

        var verdict: Verdict
        if eligible.isEmpty {
            verdict = Verdict(.deny, reasons, rules)
        } else if request.intent == .exchangeRequest {
            guard let variant = request.exchangeSKU else {
                return Verdict(.needInfo, [.exchangeVariantMissing], rules + [.requestScope])
            }
            if isInStock(variant, for: eligible) {
                verdict = covering(eligible, .approveExchange, [.exchangeInStock] + reasons, rules + [.exchangeStock])
            } else {
                verdict = refunding(
                    eligible, .approveReturnRefund, [.exchangeOutOfStock, .noReasonReturnEligible] + reasons,
                    rules + [.exchangeStock, .noReasonReturn])
            }
        } else {
            verdict = refunding(eligible, .approveReturnRefund, [.noReasonReturnEligible] + reasons, rules + [.noReasonReturn])
        }
        verdict.deadlines[.noReasonReturnUntil] = windowEnd
        if !eligible.isEmpty {
            let shipping = customerReturnShipping
            verdict.payer = shipping.payer
            verdict.reasons.append(shipping.reason)
            verdict.rules.append(.returnShipping)
            verdict.deadlines[.returnShipBy] = returnShipBy
        }
        return verdict
    }
}
