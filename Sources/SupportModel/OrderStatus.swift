/// The state of an order in the order-management system.
///
/// A state the policy does not know decodes as `unrecognized` with its raw text kept; the
/// engine sends such an order to manual review instead of guessing.
public enum OrderStatus: Sendable, Hashable {
    /// Placed, not paid yet.
    case pendingPayment
    /// Paid, not shipped.
    case paid
    /// Handed to the carrier.
    case shipped
    /// Signed for by the customer.
    case delivered
    /// Cancelled before completion.
    case cancelled
    /// Closed after delivery; treated as `delivered`.
    case completed
    /// A state this version does not know, with its raw text.
    case unrecognized(String)
}

extension OrderStatus: RawRepresentable, Codable {
    /// Reads a status; any text is accepted, unknown text becomes `unrecognized`.
    public init(rawValue: String) {
        switch rawValue {
        case "pending_payment": self = .pendingPayment
        case "paid": self = .paid
        case "shipped": self = .shipped
        case "delivered": self = .delivered
        case "cancelled": self = .cancelled
        case "completed": self = .completed
        default: self = .unrecognized(rawValue)
        }
    }

    /// The status as written in the case format.
    public var rawValue: String {
        switch self {
        case .pendingPayment: "pending_payment"
        case .paid: "paid"
        case .shipped: "shipped"
        case .delivered: "delivered"
        case .cancelled: "cancelled"
        case .completed: "completed"
        case .unrecognized(let raw): raw
        }
    }

    /// Whether the goods have reached the customer (`delivered` or `completed`).
    public var isDelivered: Bool { self == .delivered || self == .completed }
}
