import SupportModel
import Foundation

/// What the rules concluded for a case, before it is worded into a `PolicyDecision`.
struct Verdict {
    var outcome: PolicyOutcome
    var reasons: [ReasonCode]
    var rules: [RuleID]
    var lines: [DecisionLine] = []
    /// The shipping fee refunded with the lines, when it is.
    var shippingFee: Money? = nil
    var payer: ShippingPayer? = nil
    var deadlines: [DeadlineName: Date] = [:]
    /// Whether the decision may state facts of the order (false when ownership failed).
    var revealsOrder = true

    init(_ outcome: PolicyOutcome, _ reasons: [ReasonCode], _ rules: [RuleID]) {
        self.outcome = outcome
        self.reasons = reasons
        self.rules = rules
    }

    /// The refund in the order's `currency`: lines plus shipping fee.
    func refund(in currency: String) -> Money {
        lines.reduce(shippingFee ?? .zero(currency)) { $0 + $1.refund }
    }
}
