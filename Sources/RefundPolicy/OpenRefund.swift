import Foundation

/// A refund already requested on an order and not finished yet.
public struct OpenRefund: Sendable, Hashable, Codable {
    /// The line it is for; nil for the whole order.
    public var lineNo: Int?
    /// Amount requested, in minor units.
    public var amountMinor: Int64
    /// Its state in the payment system (`pending`, `approved`, `processing`, …), for the reply.
    public var status: String
    /// When it was requested.
    public var createdAt: Date?

    /// An open refund.
    public init(lineNo: Int?, amountMinor: Int64, status: String, createdAt: Date? = nil) {
        self.lineNo = lineNo
        self.amountMinor = amountMinor
        self.status = status
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case lineNo = "line_no"
        case amountMinor = "amount_minor"
        case status
        case createdAt = "created_at"
    }

    /// Reads an open refund in the case format.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lineNo = try container.decodeIfPresent(Int.self, forKey: .lineNo)
        amountMinor = try container.decode(Int64.self, forKey: .amountMinor)
        status = try container.decode(String.self, forKey: .status)
        createdAt = try container.decodeTimestampIfPresent(forKey: .createdAt)
    }

    /// Writes the open refund in the case format.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lineNo, forKey: .lineNo)
        try container.encode(amountMinor, forKey: .amountMinor)
        try container.encode(status, forKey: .status)
        try container.encodeTimestampOrNull(createdAt, forKey: .createdAt)
    }
}
