import Foundation
import SupportModel

/// A refund already requested on an order and not finished yet.
public struct OpenRefund: Sendable, Hashable, Encodable {
    /// The line it is for; nil for the whole order.
    public var lineNo: Int?
    /// Amount requested, in the order's currency.
    public var amount: Money
    /// Its state in the payment system (`pending`, `approved`, `processing`, …), for the reply.
    public var status: String
    /// When it was requested.
    public var createdAt: Date?

    /// An open refund.
    public init(lineNo: Int?, amount: Money, status: String, createdAt: Date? = nil) {
        self.lineNo = lineNo
        self.amount = amount
        self.status = status
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case lineNo = "line_no"
        case amountMinor = "amount_minor"
        case status
        case createdAt = "created_at"
    }

    /// Reads an open refund in the case format, its amount in the order's `currency`.
    public init(from decoder: any Decoder, currency: String) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lineNo = try container.decodeIfPresent(Int.self, forKey: .lineNo)
        amount = Money(minorUnits: try container.decode(Int64.self, forKey: .amountMinor), currency: currency)
        status = try container.decode(String.self, forKey: .status)
        createdAt = try container.decodeTimestampIfPresent(forKey: .createdAt)
    }

    /// Writes the open refund in the case format.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lineNo, forKey: .lineNo)
        try container.encode(amount.minorUnits, forKey: .amountMinor)
        try container.encode(status, forKey: .status)
        try container.encodeTimestampOrNull(createdAt, forKey: .createdAt)
    }
}
