import SupportModel

/// What the policy knows about the customer asking.
public struct CustomerProfile: Sendable, Hashable, Codable {
    /// The customer id; an order of another customer is never revealed.
    public var id: String
    /// The service tier, when known.
    public var tier: CustomerTier?
    /// Flagged by fraud screening: approvals go to manual review.
    public var fraudFlag: Bool
    /// Refunds in the trailing window the policy names (`limits.refund_frequency.trailing_days`).
    public var refundsLast90Days: Int

    /// A customer profile.
    public init(id: String, tier: CustomerTier? = .regular, fraudFlag: Bool = false, refundsLast90Days: Int = 0) {
        self.id = id
        self.tier = tier
        self.fraudFlag = fraudFlag
        self.refundsLast90Days = refundsLast90Days
    }

    enum CodingKeys: String, CodingKey {
        case id
        case tier
        case fraudFlag = "fraud_flag"
        case refundsLast90Days = "refunds_last_90_days"
    }
}
