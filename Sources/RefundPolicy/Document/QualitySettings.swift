/// Settings of rule 5 (quality problems).
public struct QualitySettings: Sendable, Hashable, Codable {
    /// Days after sign-for with return and refund (or exchange) for a quality
    /// problem; 7 in the default policy.
    public var returnWindowDays: Int
    /// Days after sign-for with an exchange (no refund); 15 in the default policy.
    public var exchangeWindowDays: Int
    /// Warranty days after sign-for by category (repair referral) (electronics and appliances 365
    /// in the default policy).
    public var warrantyDaysByCategory: [String: Int]
    /// Warranty days of a category not listed; 0 in the default policy.
    public var defaultWarrantyDays: Int

    /// Settings.
    public init(
        returnWindowDays: Int, exchangeWindowDays: Int, warrantyDaysByCategory: [String: Int],
        defaultWarrantyDays: Int
    ) {
        self.returnWindowDays = returnWindowDays
        self.exchangeWindowDays = exchangeWindowDays
        self.warrantyDaysByCategory = warrantyDaysByCategory
        self.defaultWarrantyDays = defaultWarrantyDays
    }

    /// The warranty days of `category`.
    public func warrantyDays(for category: ProductCategory) -> Int {
        warrantyDaysByCategory[category.rawValue] ?? defaultWarrantyDays
    }

    enum CodingKeys: String, CodingKey {
        case returnWindowDays = "return_window_days"
        case exchangeWindowDays = "exchange_window_days"
        case warrantyDaysByCategory = "warranty_days_by_category"
        case defaultWarrantyDays = "default_warranty_days"
    }
}
