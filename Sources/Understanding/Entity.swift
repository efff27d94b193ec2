import SupportModel

/// A span of a message that names something the support worker can act on.
///
/// Offsets count Unicode scalars of the original text, so
/// `Array(text.unicodeScalars)[start..<end]` is exactly `self.text`.
public struct Entity: Sendable, Hashable, Codable {
    /// What the span is.
    public var type: EntityType
    /// The span as written.
    public var text: String
    /// Offset of the first Unicode scalar.
    public var start: Int
    /// Offset one past the last Unicode scalar.
    public var end: Int
    /// A canonical form where one exists: order id digits, tracking number in upper case,
    /// amount `"39900 CNY"` (minor units and ISO code), date `"2026-11-20"`, phone digits
    /// (with `+` and country code when written), email in lower case. `nil` for products.
    public var normalized: String?

    public init(type: EntityType, text: String, start: Int, end: Int, normalized: String?) {
        self.type = type
        self.text = text
        self.start = start
        self.end = end
        self.normalized = normalized
    }
}
