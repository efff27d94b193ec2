import SupportModel
import Foundation

/// What the rules concluded for a case, before it is worded into a `PolicyDecision`.
struct Verdict {
    var outcome: PolicyOutcome
    var reasons: [ReasonCode]
    var rules: [RuleID]
    var lines: [DecisionLine] = []
    var shippingFeeMinor: Int64 = 0
    var payer: ShippingPayer? = nil
    var deadlines: [DeadlineName: Date] = [:]
    /// Whether the decision may state facts of the order (false when ownership failed).
    var revealsOrder = true

    init(_ outcome: PolicyOutcome, _ reasons: [ReasonCode], _ rules: [RuleID]) {
        self.outcome = outcome
        self.reasons = reasons
        self.rules = rules
    }

    /// The refund: lines plus shipping fee.
    var refundMinor: Int64 { lines.reduce(shippingFeeMinor) { $0 + $1.refundMinor } }
}
