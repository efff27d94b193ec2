/// The refund-frequency limit of rule 7.
public struct RefundFrequencyLimit: Sendable, Hashable, Codable {
    /// A customer with at least this many refunds in the trailing window goes to manual
    /// review; 3 in the default policy.
    public var reviewAtRefunds: Int
    /// The trailing window the caller counts refunds over
    /// (`refunds_last_90_days`); 90 in the default policy.
    public var trailingDays: Int

    /// A limit.
    public init(reviewAtRefunds: Int, trailingDays: Int) {
        self.reviewAtRefunds = reviewAtRefunds
        self.trailingDays = trailingDays
    }

    enum CodingKeys: String, CodingKey {
        case reviewAtRefunds = "review_at_refunds"
        case trailingDays = "trailing_days"
    }
}
