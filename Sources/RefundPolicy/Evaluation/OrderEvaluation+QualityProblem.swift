import Foundation
import SupportModel

extension OrderEvaluation {
    /// Rule 5: a quality problem, by time since sign-for. Within the return window: return and
    /// refund, or an exchange when asked, or for a missing item or part a refund only of the
    /// missing units. Up to the exchange window: exchange, no refund. Up to the category
    /// warranty: repair referral. Beyond: deny `warranty_expired`. The merchant pays shipping.
    func qualityProblem(_ lines: [CoveredLine], signFor: Date) -> Verdict {
        let claim = request.claimedCondition
        let isMissing = claim == .missingPart
        if request.intent == .wrongOrMissingItem, claim?.isQualityProblem != true {
            return Verdict(.needInfo, [.claimDetailMissing], [.requestScope])
        }
        let settings = policy.quality
        let precision = order.deliveredAtPrecision
        let returnUntil = clock.windowEnd(afterSignFor: signFor, precision: precision, days: settings.returnWindowDays)
        let exchangeUntil = clock.windowEnd(
            afterSignFor: signFor, precision: precision, days: settings.exchangeWindowDays)
        let exchangeAsked = request.intent == .exchangeRequest || request.exchangeSKU != nil
        let variantOutOfStock = request.exchangeSKU.map { !isInStock($0, for: lines) } ?? false

        var verdict: Verdict
        if clock.isOnOrBefore(returnUntil) {
            if isMissing {
                verdict = refunding(lines, .approveRefundOnly, [.missingItemRefund], [.qualityMissing])
            } else if exchangeAsked && !variantOutOfStock {
                let reasons: [ReasonCode] = request.exchangeSKU == nil ? [.qualityReturnWindow] : [.qualityReturnWindow, .exchangeInStock]
                verdict = covering(lines, .approveExchange, reasons, [.qualityReturn, .exchangeStock])
                verdict.payer = .merchant
            } else if exchangeAsked {
                verdict = refunding(
                    lines, .approveReturnRefund, [.qualityReturnWindow, .exchangeOutOfStock],
                    [.qualityReturn, .exchangeStock])
                verdict.payer = .merchant
            } else {
                verdict = refunding(lines, .approveReturnRefund, [.qualityReturnWindow], [.qualityReturn])
                verdict.payer = .merchant
            }
        } else if clock.isOnOrBefore(exchangeUntil) {
            if variantOutOfStock {
                verdict = covering(lines, .repairReferral, [.qualityExchangeWindow, .exchangeOutOfStock], [.qualityExchange, .exchangeStock])
            } else {
                verdict = covering(lines, .approveExchange, [.qualityExchangeWindow], [.qualityExchange])
            }
            verdict.payer = isMissing ? nil : .merchant
        } else {
            verdict = warrantyRepair(lines, signFor: signFor)
        }
        verdict.deadlines[.qualityReturnUntil] = returnUntil
        verdict.deadlines[.qualityExchangeUntil] = exchangeUntil
        if verdict.payer != nil, verdict.outcome == .approveReturnRefund || verdict.outcome == .approveExchange {
            verdict.deadlines[.returnShipBy] = returnShipBy
        }
        return verdict
    }

    /// After the exchange window: repair for the lines still under their category warranty.
    private func warrantyRepair(_ lines: [CoveredLine], signFor: Date) -> Verdict {
        var underWarranty: [CoveredLine] = []
        var latestWarrantyEnd: Date?
        var someExpired = false
        for line in lines {
            let days = policy.quality.warrantyDays(for: line.line.category)
            let warrantyEnd = clock.windowEnd(afterSignFor: signFor, precision: order.deliveredAtPrecision, days: days)
            if days > 0, clock.isOnOrBefore(warrantyEnd) {
                underWarranty.append(line)
                latestWarrantyEnd = max(latestWarrantyEnd ?? warrantyEnd, warrantyEnd)
            } else {
                someExpired = true
            }
        }
        guard let latestWarrantyEnd else { return Verdict(.deny, [.warrantyExpired], [.qualityWarrantyExpired]) }
        var verdict = covering(
            underWarranty, .repairReferral, someExpired ? [.repairUnderWarranty, .warrantyExpired] : [.repairUnderWarranty],
            someExpired ? [.qualityRepair, .qualityWarrantyExpired] : [.qualityRepair])
        verdict.payer = .merchant
        verdict.deadlines[.warrantyUntil] = latestWarrantyEnd
        return verdict
    }
}
