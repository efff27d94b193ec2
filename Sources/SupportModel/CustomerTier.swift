/// The customer's service tier. Unknown tiers decode and are kept; the policy does not
/// depend on the tier (escalation does).
public enum CustomerTier: Sendable, Hashable {
    /// An ordinary customer.
    case regular
    /// A VIP customer.
    case vip
    /// A tier this version does not know, with its raw text.
    case unrecognized(String)
}

extension CustomerTier: RawRepresentable, Codable {
    /// Reads a tier; any text is accepted, unknown text becomes `unrecognized`.
    public init(rawValue: String) {
        switch rawValue {
        case "regular": self = .regular
        case "vip": self = .vip
        default: self = .unrecognized(rawValue)
        }
    }

    /// The tier as written in the case format.
    public var rawValue: String {
        switch self {
        case .regular: "regular"
        case .vip: "vip"
        case .unrecognized(let raw): raw
        }
    }
}
