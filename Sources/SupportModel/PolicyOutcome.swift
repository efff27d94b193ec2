/// The outcome of a policy decision. Raw values are a contract (case format, events, console).
public enum PolicyOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Refund without sending anything back (仅退款).
    case approveRefundOnly = "approve_refund_only"
    /// Send the goods back, then refund (退货退款).
    case approveReturnRefund = "approve_return_refund"
    /// Send the goods back for another unit or variant (换货).
    case approveExchange = "approve_exchange"
    /// Refund the price difference (价保).
    case approvePriceProtection = "approve_price_protection"
    /// Cancel the order before shipment.
    case approveCancel = "approve_cancel"
    /// Send the customer to warranty repair.
    case repairReferral = "repair_referral"
    /// Refuse, with the reasons.
    case deny
    /// A person decides.
    case manualReview = "manual_review"
    /// Ask the customer for what is missing (order number, variant, …).
    case needInfo = "need_info"
    /// No remedy was asked; the decision carries facts for the reply.
    case none

    /// Whether the outcome grants a remedy.
    /// Whether the outcome pays money back, so it is recorded as a refund and sent to the
    /// payment system: an exchange, a repair or a refusal never does.
    public var movesMoney: Bool {
        switch self {
        case .approveRefundOnly, .approveReturnRefund, .approvePriceProtection, .approveCancel: true
        default: false
        }
    }

    public var isApproval: Bool {
        switch self {
        case .approveRefundOnly, .approveReturnRefund, .approveExchange, .approvePriceProtection, .approveCancel:
            true
        default:
            false
        }
    }
}
