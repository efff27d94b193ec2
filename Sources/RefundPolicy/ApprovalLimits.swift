/// Limits of rule 7 that turn an approval into manual review (not a cancel before shipment).
public struct ApprovalLimits: Sendable, Hashable, Codable {
    /// The largest refund approved without review, per ISO 4217 currency, in minor units;
    /// a refund strictly above it is reviewed, and so is a refund in a currency not listed.
    public var autoApproveMaxMinor: [String: Int64]
    /// Whether a customer's fraud flag sends approvals to review; true in the default policy.
    public var reviewFraudFlag: Bool
    /// The refund-frequency limit.
    public var refundFrequency: RefundFrequencyLimit

    /// Limits.
    public init(
        autoApproveMaxMinor: [String: Int64], reviewFraudFlag: Bool,
        refundFrequency: RefundFrequencyLimit
    ) {
        self.autoApproveMaxMinor = autoApproveMaxMinor
        self.reviewFraudFlag = reviewFraudFlag
        self.refundFrequency = refundFrequency
    }

    enum CodingKeys: String, CodingKey {
        case autoApproveMaxMinor = "auto_approve_max_minor"
        case reviewFraudFlag = "review_fraud_flag"
        case refundFrequency = "refund_frequency"
    }
}
