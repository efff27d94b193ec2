import SupportModel

extension OrderEvaluation {
    /// Return, refund, exchange and quality requests: before shipment a return or refund is a
    /// cancel (rule 2); in transit it is refunded only when the parcel never arrived (rule 3);
    /// after delivery a quality problem follows rule 5, anything else rule 4.
    func afterSales(_ lines: [CoveredLine]) -> Verdict {
        let asksReturnOrRefund = request.intent == .returnRequest || request.intent == .refundRequest
        let quality = isQualityProblem
        switch order.status {
        case .pendingPayment, .paid:
            return asksReturnOrRefund && !quality ? cancel(lines) : Verdict(.deny, [.notShippedYet], [.orderState])
        case .cancelled:
            return Verdict(.deny, [.orderCancelled], [.orderState])
        case .shipped, .delivered, .completed, .unrecognized:
            break
        }
        guard isDelivered else {
            guard asksReturnOrRefund, !quality else { return Verdict(.deny, [.notDeliveredYet], [.orderState]) }
            return undeliveredRefund(lines) ?? Verdict(.deny, [.alreadyShipped], [.cancelAfterShipment])
        }
        guard let signFor = order.deliveredAt else {
            return Verdict(.manualReview, [.deliveryTimeMissing], [.unknownData])
        }
        return quality ? qualityProblem(lines, signFor: signFor) : noReasonReturn(lines, signFor: signFor)
    }

    /// A quality problem: a quality intent or a quality claim, unless the customer says they
    /// damaged the goods themselves.
    var isQualityProblem: Bool {
        let claim = request.claimedCondition
        guard claim != .damagedByCustomer else { return false }
        return request.intent == .damagedOrDefective || request.intent == .wrongOrMissingItem
            || claim?.isQualityProblem == true
    }

    /// Who pays return shipping outside quality problems, and the reason that says so.
    var customerReturnShipping: (payer: ShippingPayer, reason: ReasonCode) {
        order.returnShippingInsurance ? (.merchant, .returnShippingInsured) : (.customer, .returnShippingByCustomer)
    }
}
