/// What the carrier reports about the parcel.
///
/// A status the policy does not know decodes as `unrecognized` with its raw text kept; the
/// engine sends such an order to manual review.
public enum CarrierStatus: Sendable, Hashable {
    /// On its way.
    case inTransit
    /// Signed for.
    case delivered
    /// Lost by the carrier.
    case lost
    /// Sent back to the merchant.
    case returned
    /// A status this version does not know, with its raw text.
    case unrecognized(String)
}

extension CarrierStatus: RawRepresentable, Codable {
    /// Reads a status; any text is accepted, unknown text becomes `unrecognized`.
    public init(rawValue: String) {
        switch rawValue {
        case "in_transit": self = .inTransit
        case "delivered": self = .delivered
        case "lost": self = .lost
        case "returned": self = .returned
        default: self = .unrecognized(rawValue)
        }
    }

    /// The status as written in the case format.
    public var rawValue: String {
        switch self {
        case .inTransit: "in_transit"
        case .delivered: "delivered"
        case .lost: "lost"
        case .returned: "returned"
        case .unrecognized(let raw): raw
        }
    }
}
