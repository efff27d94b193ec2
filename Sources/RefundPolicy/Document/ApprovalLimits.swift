import SupportModel

/// Limits of rule 7 that turn an approval into manual review (not a cancel before shipment).
public struct ApprovalLimits: Sendable, Hashable, Codable {
    /// The largest refund approved without review, per ISO 4217 currency; a refund strictly
    /// above it is reviewed, and so is a refund in a currency not listed.
    public var autoApproveMax: [String: Money]
    /// Whether a customer's fraud flag sends approvals to review; true in the default policy.
    public var reviewFraudFlag: Bool
    /// The refund-frequency limit.
    public var refundFrequency: RefundFrequencyLimit

    /// Limits.
    public init(
        autoApproveMax: [String: Money], reviewFraudFlag: Bool,
        refundFrequency: RefundFrequencyLimit
    ) {
        self.autoApproveMax = autoApproveMax
        self.reviewFraudFlag = reviewFraudFlag
        self.refundFrequency = refundFrequency
    }

    enum CodingKeys: String, CodingKey {
        case autoApproveMaxMinor = "auto_approve_max_minor"
        case reviewFraudFlag = "review_fraud_flag"
        case refundFrequency = "refund_frequency"
    }

    /// Reads the limits of the policy document (`auto_approve_max_minor`: currency → minor units).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let maxima = try container.decode([String: Int64].self, forKey: .autoApproveMaxMinor)
        autoApproveMax = Dictionary(uniqueKeysWithValues: maxima.map { ($0.key, Money(minorUnits: $0.value, currency: $0.key)) })
        reviewFraudFlag = try container.decode(Bool.self, forKey: .reviewFraudFlag)
        refundFrequency = try container.decode(RefundFrequencyLimit.self, forKey: .refundFrequency)
    }

    /// Writes the limits in the policy document's form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(autoApproveMax.mapValues(\.minorUnits), forKey: .autoApproveMaxMinor)
        try container.encode(reviewFraudFlag, forKey: .reviewFraudFlag)
        try container.encode(refundFrequency, forKey: .refundFrequency)
    }
}
