import SupportModel

/// Settings of rule 4 (seven-day no-reason return).
public struct NoReasonReturnSettings: Sendable, Hashable, Codable {
    /// The window after sign-for, in days of 24 h (date-only sign-for:
    /// calendar days); 7 in the default policy.
    public var windowDays: Int
    /// Categories never eligible by law.
    public var legallyExcludedCategories: [ProductCategory]
    /// Stated conditions that void the right (`used`, `damaged_by_customer` in the default policy).
    public var ineligibleConditions: [ClaimedCondition]
    /// Days the customer has to send the goods back after approval; 7 in the default policy.
    public var returnShipWithinDays: Int
    /// Days after the returned goods arrive within which the refund is paid; 7 in the default policy.
    public var refundWithinDaysAfterReturnReceived: Int

    /// Settings.
    public init(
        windowDays: Int, legallyExcludedCategories: [ProductCategory], ineligibleConditions: [ClaimedCondition],
        returnShipWithinDays: Int, refundWithinDaysAfterReturnReceived: Int
    ) {
        self.windowDays = windowDays
        self.legallyExcludedCategories = legallyExcludedCategories
        self.ineligibleConditions = ineligibleConditions
        self.returnShipWithinDays = returnShipWithinDays
        self.refundWithinDaysAfterReturnReceived = refundWithinDaysAfterReturnReceived
    }

    enum CodingKeys: String, CodingKey {
        case windowDays = "window_days"
        case legallyExcludedCategories = "legally_excluded_categories"
        case ineligibleConditions = "ineligible_conditions"
        case returnShipWithinDays = "return_ship_within_days"
        case refundWithinDaysAfterReturnReceived = "refund_within_days_after_return_received"
    }
}
