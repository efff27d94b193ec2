import SupportModel

extension OrderEvaluation {
    /// Rule 6: within the window after payment, a line whose sku now sells for less than the
    /// unit price paid gets (paid − current) × units back, never more than remains unrefunded.
    /// Lines of an excluded promotion (flash sale) get nothing; an unknown current price is
    /// left to a person when no line qualifies.
    func priceProtection(_ lines: [CoveredLine]) -> Verdict {
        switch order.status {
        case .pendingPayment:
            return Verdict(.deny, [.orderNotPaid], [.orderState])
        case .cancelled:
            return Verdict(.deny, [.orderCancelled], [.orderState])
        case .paid, .shipped, .delivered, .completed, .unrecognized:
            break
        }
        guard let paidAt = order.paidAt else { return Verdict(.deny, [.orderNotPaid], [.orderState]) }
        let settings = policy.priceProtection
        let windowEnd = clock.windowEnd(after: paidAt, days: settings.windowDays)
        guard clock.isOnOrBefore(windowEnd) else {
            var verdict = Verdict(.deny, [.priceProtectionWindowExpired], [.priceProtection])
            verdict.deadlines[.priceProtectionUntil] = windowEnd
            return verdict
        }

        var protected: [DecisionLine] = []
        var reasons: [ReasonCode] = []
        var priceUnknown = false
        for line in lines {
            if let promotion = line.line.promotion, settings.excludedPromotions.contains(promotion) {
                reasons.append(.priceProtectionExcludedPromotion)
                continue
            }
            // A price in another currency than the order's cannot be compared: unknown.
            guard let current = policyCase.catalog[line.line.sku]?.currentPrice,
                current.currency == line.line.unitPricePaid.currency
            else {
                priceUnknown = true
                reasons.append(.currentPriceUnknown)
                continue
            }
            guard current < line.line.unitPricePaid else {
                reasons.append(.priceNotLower)
                continue
            }
            let difference = (line.line.unitPricePaid - current) * line.units
            protected.append(line.decisionLine(refund: .minimum(difference, line.remaining)))
        }

        var verdict: Verdict
        if !protected.isEmpty {
            verdict = Verdict(.approvePriceProtection, [.priceProtectionDifference] + reasons, [.priceProtection])
            verdict.lines = protected
        } else if priceUnknown {
            verdict = Verdict(
                .manualReview, [.currentPriceUnknown] + reasons.filter { $0 != .currentPriceUnknown },
                [.priceProtection, .unknownData])
        } else {
            verdict = Verdict(.deny, reasons, [.priceProtection])
        }
        verdict.deadlines[.priceProtectionUntil] = windowEnd
        return verdict
    }
}
