/// The condition of the goods as the customer states it, taken from the structured request.
///
/// A condition the policy does not know decodes as `unrecognized` with its raw text kept; the
/// engine sends such a request to manual review.
public enum ClaimedCondition: Sendable, Hashable {
    /// Still sealed.
    case unopened
    /// Opened to inspect, otherwise as new; keeps the seven-day no-reason right.
    case openedIntact
    /// Used.
    case used
    /// Damaged by the customer.
    case damagedByCustomer
    /// Does not work as it should.
    case defective
    /// Not the item ordered.
    case wrongItem
    /// An item or a part of it is missing.
    case missingPart
    /// A condition this version does not know, with its raw text.
    case unrecognized(String)
}

extension ClaimedCondition: RawRepresentable, Codable {
    /// Reads a condition; any text is accepted, unknown text becomes `unrecognized`.
    public init(rawValue: String) {
        switch rawValue {
        case "unopened": self = .unopened
        case "opened_intact": self = .openedIntact
        case "used": self = .used
        case "damaged_by_customer": self = .damagedByCustomer
        case "defective": self = .defective
        case "wrong_item": self = .wrongItem
        case "missing_part": self = .missingPart
        default: self = .unrecognized(rawValue)
        }
    }

    /// The condition as written in the case format.
    public var rawValue: String {
        switch self {
        case .unopened: "unopened"
        case .openedIntact: "opened_intact"
        case .used: "used"
        case .damagedByCustomer: "damaged_by_customer"
        case .defective: "defective"
        case .wrongItem: "wrong_item"
        case .missingPart: "missing_part"
        case .unrecognized(let raw): raw
        }
    }

    /// Whether the claim is a quality problem the merchant answers for.
    /// Every condition the product knows, in a fixed order (not `unrecognized`).
    public static let known: [ClaimedCondition] = [
        .unopened, .openedIntact, .used, .damagedByCustomer, .defective, .wrongItem, .missingPart,
    ]

    public var isQualityProblem: Bool {
        switch self {
        case .defective, .wrongItem, .missingPart: true
        default: false
        }
    }
}
