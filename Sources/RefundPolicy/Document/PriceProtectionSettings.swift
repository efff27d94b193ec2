/// Settings of rule 6 (price protection, 价保).
public struct PriceProtectionSettings: Sendable, Hashable, Codable {
    /// Days of 24 h after payment with price protection; 7 in the default policy.
    public var windowDays: Int
    /// Promotions whose lines get no price protection; `flash_sale` in the default policy.
    public var excludedPromotions: [Promotion]

    /// Settings.
    public init(windowDays: Int, excludedPromotions: [Promotion]) {
        self.windowDays = windowDays
        self.excludedPromotions = excludedPromotions
    }

    enum CodingKeys: String, CodingKey {
        case windowDays = "window_days"
        case excludedPromotions = "excluded_promotions"
    }
}
