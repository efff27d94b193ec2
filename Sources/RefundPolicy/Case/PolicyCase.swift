import Foundation

/// Everything one decision depends on: the time, the customer, the order, catalogue facts and
/// the structured request. The case format of `support-worker decide` is its JSON form.
public struct PolicyCase: Sendable, Hashable, Codable {
    /// An id chosen by the caller, echoed in the decision.
    public var caseID: String?
    /// The time of the decision.
    public var now: Date
    /// An IANA timezone for calendar days, overriding the policy's; nil uses the policy's.
    public var timezone: String?
    /// The customer asking.
    public var customer: CustomerProfile
    /// The order the request is about, as loaded for this customer; nil when none was found.
    public var order: OrderSnapshot?
    /// Catalogue facts by sku (current price, variant stock).
    public var catalog: [String: CatalogEntry]
    /// What is asked.
    public var request: PolicyRequest

    /// A case.
    public init(
        caseID: String? = nil, now: Date, timezone: String? = nil, customer: CustomerProfile,
        order: OrderSnapshot?, catalog: [String: CatalogEntry] = [:], request: PolicyRequest
    ) {
        self.caseID = caseID
        self.now = now
        self.timezone = timezone
        self.customer = customer
        self.order = order
        self.catalog = catalog
        self.request = request
    }

    /// A sku as a key of the catalogue object.
    private struct SkuKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case now
        case timezone
        case customer
        case order
        case catalog
        case request
    }

    /// Reads a case in the case format. `case_id`, `timezone`, `order` and `catalog` may be
    /// absent or null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        caseID = try container.decodeIfPresent(String.self, forKey: .caseID)
        now = try container.decodeTimestamp(forKey: .now)
        timezone = try container.decodeIfPresent(String.self, forKey: .timezone)
        customer = try container.decode(CustomerProfile.self, forKey: .customer)
        order = try container.decodeIfPresent(OrderSnapshot.self, forKey: .order)
        var catalog: [String: CatalogEntry] = [:]
        if try container.contains(.catalog) && !container.decodeNil(forKey: .catalog) {
            let entries = try container.nestedContainer(keyedBy: SkuKey.self, forKey: .catalog)
            for key in entries.allKeys {
                catalog[key.stringValue] = try CatalogEntry(
                    from: try entries.superDecoder(forKey: key), orderCurrency: order?.currency)
            }
        }
        self.catalog = catalog
        request = try container.decode(PolicyRequest.self, forKey: .request)
    }

    /// Writes the case in the case format.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseID, forKey: .caseID)
        try container.encodeTimestamp(now, forKey: .now)
        try container.encode(timezone, forKey: .timezone)
        try container.encode(customer, forKey: .customer)
        try container.encode(order, forKey: .order)
        try container.encode(catalog, forKey: .catalog)
        try container.encode(request, forKey: .request)
    }
}
