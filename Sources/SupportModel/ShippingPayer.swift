/// Who pays for sending goods back.
public enum ShippingPayer: String, Sendable, Hashable, Codable, CaseIterable {
    /// The customer pays.
    case customer
    /// The merchant pays (quality problems, or the order's return-shipping insurance covers it).
    case merchant
}
