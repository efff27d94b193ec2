/// Kinds of entities found in customer messages. Raw values are a contract.
public enum EntityType: String, Sendable, Hashable, Codable, CaseIterable {
    case orderID = "order_id"
    case trackingNumber = "tracking_number"
    case product
    case amount
    case date
    case phone
    case email
}
