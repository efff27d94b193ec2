import SupportModel

extension OrderEvaluation {
    /// Rule 7: an approval (not a cancel before shipment) goes to manual review when the
    /// refund is strictly above the currency's auto-approval limit (or the currency has none),
    /// the customer is fraud-flagged, or has too many recent refunds. The decision keeps the
    /// amount, lines and deadlines that would have been approved; the limit reasons come first.
    func applyingLimits(to verdict: Verdict) -> Verdict {
        guard verdict.outcome.isApproval, verdict.outcome != .approveCancel else { return verdict }
        let limits = policy.limits
        let customer = policyCase.customer
        var reasons: [ReasonCode] = []
        var rules: [RuleID] = []
        let refund = verdict.refund(in: order.currency)
        if refund.minorUnits > 0 {
            if let maximum = limits.autoApproveMax[order.currency] {
                if refund > maximum {
                    reasons.append(.amountAboveAutoLimit)
                    rules.append(.limitAmount)
                }
            } else {
                reasons.append(.noAutoLimitForCurrency)
                rules.append(.limitAmount)
            }
        }
        if limits.reviewFraudFlag, customer.fraudFlag {
            reasons.append(.customerFraudFlag)
            rules.append(.limitFraud)
        }
        if refund.minorUnits > 0, customer.refundsLast90Days >= limits.refundFrequency.reviewAtRefunds {
            reasons.append(.refundFrequencyLimit)
            rules.append(.limitFrequency)
        }
        guard !reasons.isEmpty else { return verdict }
        var reviewed = verdict
        reviewed.outcome = .manualReview
        reviewed.reasons = reasons + verdict.reasons
        reviewed.rules = verdict.rules + rules
        return reviewed
    }
}
