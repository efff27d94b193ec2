import SupportModel

/// An order line a decision covers, with the units and the refund on it.
public struct DecisionLine: Sendable, Hashable, Encodable {
    /// The order line number.
    public var lineNo: Int
    /// Units covered (returned, exchanged, refunded or repaired).
    public var units: Int
    /// Refund on this line, in the order's currency.
    public var refund: Money

    /// A covered line.
    public init(lineNo: Int, units: Int, refund: Money) {
        self.lineNo = lineNo
        self.units = units
        self.refund = refund
    }

    enum CodingKeys: String, CodingKey {
        case lineNo = "line_no"
        case units
        case refundMinor = "refund_minor"
    }

    /// Reads a line of the decision format, its refund in the decision's `currency`.
    public init(from decoder: any Decoder, currency: String) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lineNo = try container.decode(Int.self, forKey: .lineNo)
        units = try container.decode(Int.self, forKey: .units)
        refund = Money(minorUnits: try container.decode(Int64.self, forKey: .refundMinor), currency: currency)
    }

    /// Writes the line in the decision format (the refund in minor units).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lineNo, forKey: .lineNo)
        try container.encode(units, forKey: .units)
        try container.encode(refund.minorUnits, forKey: .refundMinor)
    }
}
