import Foundation
import SupportModel

/// The rules about an order of the customer's whose data passed the checks: intents without
/// remedy (rule 9), open and finished refunds (rule 8), then the remedy the intent asks for
/// (rules 2–6) and the limits on approvals (rule 7).
struct OrderEvaluation {
    let policy: RefundPolicyDocument
    let policyCase: PolicyCase
    let order: OrderSnapshot
    let clock: PolicyClock
    /// The lines the request is about, with their units.
    let covered: [CoveredLine]

    var request: PolicyRequest { policyCase.request }

    func evaluate() -> Verdict {
        let intent = request.intent
        if intent.asksForNoRemedy { return Verdict(.none, [.noRemedyRequested], [.noRemedy]) }
        let openRefunds = openRefundsOnCoveredLines
        if intent == .refundStatus {
            return Verdict(.none, [openRefunds.isEmpty ? .noOpenRefund : .refundInProgress], [.refundStatus])
        }
        if !openRefunds.isEmpty { return Verdict(.none, [.refundInProgress], [.openRefund]) }
        if order.carrierStatus == .returned { return Verdict(.manualReview, [.carrierReturned], [.carrierReturned]) }

        let active = covered.filter { !$0.isFullyRefunded }
        if active.isEmpty { return Verdict(.deny, [.alreadyRefunded], [.alreadyRefunded]) }

        var verdict: Verdict
        switch intent {
        case .cancelOrder: verdict = cancel(active)
        case .notReceived: verdict = notReceived(active)
        case .priceProtection: verdict = priceProtection(active)
        default: verdict = afterSales(active)
        }
        if active.count < covered.count {
            verdict.reasons.append(.alreadyRefunded)
            verdict.rules.append(.alreadyRefunded)
        }
        return applyingLimits(to: verdict)
    }

    /// Open refunds on a covered line, or on the whole order.
    var openRefundsOnCoveredLines: [OpenRefund] {
        let numbers = Set(covered.map(\.line.lineNo))
        return order.openRefunds.filter { refund in refund.lineNo.map(numbers.contains) ?? true }
    }

    /// Whether the request covers every unit of every line of the order.
    var coversWholeOrder: Bool {
        covered.count == order.lines.count && covered.allSatisfy(\.isWholeLine)
    }

    /// The goods have reached the customer.
    var isDelivered: Bool { order.isDelivered }

    /// An approval of `lines` with their refundable amounts.
    func refunding(_ lines: [CoveredLine], _ outcome: PolicyOutcome, _ reasons: [ReasonCode], _ rules: [RuleID])
        -> Verdict
    {
        var verdict = Verdict(outcome, reasons, rules)
        verdict.lines = lines.map { $0.decisionLine(refund: $0.refundable) }
        return verdict
    }

    /// An outcome about `lines` that moves no money (exchange, repair).
    func covering(_ lines: [CoveredLine], _ outcome: PolicyOutcome, _ reasons: [ReasonCode], _ rules: [RuleID])
        -> Verdict
    {
        var verdict = Verdict(outcome, reasons, rules)
        verdict.lines = lines.map { $0.decisionLine(refund: .zero(order.currency)) }
        return verdict
    }

    /// Units of the variant `sku` in stock for `line`'s product.
    func stock(of sku: String, for line: CoveredLine) -> Int {
        max(0, policyCase.catalog[line.line.sku]?.stock[sku] ?? 0)
    }

    /// Whether the variant `sku` is in stock for every unit of `lines`.
    func isInStock(_ sku: String, for lines: [CoveredLine]) -> Bool {
        lines.allSatisfy { stock(of: sku, for: $0) >= $0.units }
    }

    /// The deadline to send goods back after an approval today.
    var returnShipBy: Date { clock.now(plusDays: policy.noReasonReturn.returnShipWithinDays) }
}
