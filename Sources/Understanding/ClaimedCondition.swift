/// The state of the goods as the customer describes it. Raw values are the refund policy's
/// `claimed_condition` values.
public enum ClaimedCondition: String, Sendable, Hashable, Codable, CaseIterable {
    /// Still sealed, never opened.
    case unopened
    /// Opened to inspect or try, otherwise as delivered.
    case openedIntact = "opened_intact"
    /// Used or worn.
    case used
    /// Broken by the customer (dropped, spilled on).
    case damagedByCustomer = "damaged_by_customer"
    /// Faulty or damaged on arrival, or failed in normal use.
    case defective
    /// Not the item, size or colour that was ordered.
    case wrongItem = "wrong_item"
    /// Part of the order or of an item is missing.
    case missingPart = "missing_part"
}
