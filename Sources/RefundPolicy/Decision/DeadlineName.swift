/// The name of a deadline a decision carries (`return_ship_by`, …).
public struct DeadlineName: RawRepresentable, Sendable, Hashable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The name text.
    public var rawValue: String

    /// A deadline name with this text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A deadline name written as a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The name text.
    public var description: String { rawValue }

    /// Orders names by their text (the order they are written in).
    public static func < (lhs: DeadlineName, rhs: DeadlineName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The last instant of the seven-day no-reason return window.
    public static let noReasonReturnUntil: DeadlineName = "no_reason_return_until"
    /// The goods must be sent back by then.
    public static let returnShipBy: DeadlineName = "return_ship_by"
    /// The last instant of the quality return window.
    public static let qualityReturnUntil: DeadlineName = "quality_return_until"
    /// The last instant of the quality exchange window.
    public static let qualityExchangeUntil: DeadlineName = "quality_exchange_until"
    /// The last instant of the warranty.
    public static let warrantyUntil: DeadlineName = "warranty_until"
    /// The last instant of the price-protection window.
    public static let priceProtectionUntil: DeadlineName = "price_protection_until"
    /// The last instant of the grace period after the promised delivery; after it an
    /// undelivered parcel is refunded.
    public static let deliveryGraceUntil: DeadlineName = "delivery_grace_until"
}
