/// An order line a decision covers, with the units and the refund on it.
public struct DecisionLine: Sendable, Hashable, Codable {
    /// The order line number.
    public var lineNo: Int
    /// Units covered (returned, exchanged, refunded or repaired).
    public var units: Int
    /// Refund on this line, in minor units.
    public var refundMinor: Int64

    /// A covered line.
    public init(lineNo: Int, units: Int, refundMinor: Int64) {
        self.lineNo = lineNo
        self.units = units
        self.refundMinor = refundMinor
    }

    enum CodingKeys: String, CodingKey {
        case lineNo = "line_no"
        case units
        case refundMinor = "refund_minor"
    }
}
