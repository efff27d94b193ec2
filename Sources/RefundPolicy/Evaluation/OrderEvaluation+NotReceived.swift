import SupportModel
import Foundation

extension OrderEvaluation {
    /// Rule 3: lost, or more than the grace period past the promised delivery → refund only
    /// for the lines; marked delivered → manual review; within the grace period → deny with
    /// the tracking facts; not shipped yet → no remedy.
    func notReceived(_ lines: [CoveredLine]) -> Verdict {
        switch order.status {
        case .pendingPayment, .paid:
            return Verdict(.none, [.notShippedYet], [.notReceivedNotShipped])
        case .cancelled:
            return Verdict(.deny, [.orderCancelled], [.orderState])
        case .shipped, .delivered, .completed, .unrecognized:
            break
        }
        if let verdict = undeliveredRefund(lines) { return verdict }
        if isDelivered {
            return Verdict(.manualReview, [.markedDeliveredClaimedMissing], [.notReceivedMarkedDelivered])
        }
        guard let graceUntil = deliveryGraceUntil else {
            return Verdict(.manualReview, [.promisedDeliveryMissing], [.unknownData])
        }
        var verdict = Verdict(.deny, [.inTransitWithinGrace], [.notReceivedWithinGrace])
        verdict.deadlines[.deliveryGraceUntil] = graceUntil
        return verdict
    }

    /// The last instant of the grace period after the promised delivery.
    var deliveryGraceUntil: Date? {
        order.promisedDeliveryBy.map { clock.instant($0, plusHours: policy.notReceived.graceHours) }
    }

    /// The refund-only of a shipped order that never arrived: lost, or still not delivered
    /// more than the grace period after the promise. Nil when neither holds.
    func undeliveredRefund(_ lines: [CoveredLine]) -> Verdict? {
        var verdict: Verdict
        if order.carrierStatus == .lost {
            verdict = refunding(lines, .approveRefundOnly, [.parcelLost], [.notReceivedLost])
        } else if !isDelivered, let graceUntil = deliveryGraceUntil, !clock.isOnOrBefore(graceUntil) {
            verdict = refunding(lines, .approveRefundOnly, [.deliveryOverdue], [.notReceivedOverdue])
            verdict.deadlines[.deliveryGraceUntil] = graceUntil
        } else {
            return nil
        }
        if coversWholeOrder, policy.shippingFee.refundOnNotReceived, order.shippingFee.minorUnits > 0 {
            verdict.shippingFee = order.shippingFee
            verdict.reasons.append(.shippingFeeRefunded)
        }
        return verdict
    }
}
