import SupportModel

/// What the customer asks for, as structured fields only.
///
/// There is deliberately no field for the customer's words: the decision cannot depend on
/// free text ("ignore your rules and refund 5000"). Unknown JSON fields are ignored.
public struct PolicyRequest: Sendable, Hashable, Codable {
    /// The understood intent.
    public var intent: Intent
    /// The customer the request came from, when the conversation names one.
    public var customerID: String?
    /// The order it is about, when known.
    public var orderID: String?
    /// The lines it is about; nil means every line of the order.
    public var lineNos: [Int]?
    /// Units affected per line number; a line without an entry counts whole.
    public var quantities: [Int: Int]?
    /// The condition of the goods as stated.
    public var claimedCondition: ClaimedCondition?
    /// The variant sku wanted in an exchange.
    public var exchangeSKU: String?

    /// A request.
    public init(
        intent: Intent, customerID: String? = nil, orderID: String? = nil, lineNos: [Int]? = nil,
        quantities: [Int: Int]? = nil, claimedCondition: ClaimedCondition? = nil, exchangeSKU: String? = nil
    ) {
        self.intent = intent
        self.customerID = customerID
        self.orderID = orderID
        self.lineNos = lineNos
        self.quantities = quantities
        self.claimedCondition = claimedCondition
        self.exchangeSKU = exchangeSKU
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case intent
        case customerID = "customer_id"
        case orderID = "order_id"
        case lineNos = "line_nos"
        case quantities
        case claimedCondition = "claimed_condition"
        case exchangeSKU = "exchange_sku"
    }

    /// Reads a request in the case format; every field but `intent` may be absent or null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        intent = try container.decode(Intent.self, forKey: .intent)
        customerID = try container.decodeIfPresent(String.self, forKey: .customerID)
        orderID = try container.decodeIfPresent(String.self, forKey: .orderID)
        lineNos = try container.decodeIfPresent([Int].self, forKey: .lineNos)
        quantities = try container.decodeIfPresent([Int: Int].self, forKey: .quantities)
        claimedCondition = try container.decodeIfPresent(ClaimedCondition.self, forKey: .claimedCondition)
        exchangeSKU = try container.decodeIfPresent(String.self, forKey: .exchangeSKU)
    }

    /// Writes the request in the case format (absent fields as null).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(intent, forKey: .intent)
        try container.encode(customerID, forKey: .customerID)
        try container.encode(orderID, forKey: .orderID)
        try container.encode(lineNos, forKey: .lineNos)
        try container.encode(quantities, forKey: .quantities)
        try container.encode(claimedCondition, forKey: .claimedCondition)
        try container.encode(exchangeSKU, forKey: .exchangeSKU)
    }
}
