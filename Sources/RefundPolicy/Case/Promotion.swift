/// The promotion a line was sold under (`flash_sale`, …). Any text decodes; the policy
/// document lists the promotions that exclude price protection.
public struct Promotion: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The promotion name.
    public var rawValue: String

    /// A promotion with this name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A promotion written as a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Reads the promotion from a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Writes the promotion as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The promotion name.
    public var description: String { rawValue }

    /// A flash sale (秒杀): no price protection.
    public static let flashSale: Promotion = "flash_sale"
}
