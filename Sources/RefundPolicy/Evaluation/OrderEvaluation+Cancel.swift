import SupportModel

extension OrderEvaluation {
    /// Rule 2: cancel before shipment (full refund of what was paid; nothing for an unpaid
    /// order; the shipping fee with the whole order); after shipment → deny `already_shipped`.
    func cancel(_ lines: [CoveredLine]) -> Verdict {
        switch order.status {
        case .pendingPayment:
            return covering(lines, .approveCancel, [.cancelUnpaidOrder], [.cancelBeforeShipment])
        case .paid:
            var verdict = refunding(lines, .approveCancel, [.cancelBeforeShipment], [.cancelBeforeShipment])
            if coversWholeOrder, policy.shippingFee.refundOnCancel, order.shippingFee.minorUnits > 0 {
                verdict.shippingFee = order.shippingFee
                verdict.reasons.append(.shippingFeeRefunded)
            }
            return verdict
        case .cancelled:
            return Verdict(.deny, [.orderCancelled], [.orderState])
        case .shipped, .delivered, .completed, .unrecognized:
            return Verdict(.deny, [.alreadyShipped], [.cancelAfterShipment])
        }
    }
}
