/// Catalogue facts about one sku at decision time.
public struct CatalogEntry: Sendable, Hashable, Codable {
    /// The current selling price of one unit, in minor units; nil when unknown.
    public var currentPriceMinor: Int64?
    /// Units in stock per variant sku (for exchanges).
    public var stock: [String: Int]

    /// A catalogue entry.
    public init(currentPriceMinor: Int64? = nil, stock: [String: Int] = [:]) {
        self.currentPriceMinor = currentPriceMinor
        self.stock = stock
    }

    enum CodingKeys: String, CodingKey {
        case currentPriceMinor = "current_price_minor"
        case stock
    }

    /// Reads an entry in the case format; both fields may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        currentPriceMinor = try container.decodeIfPresent(Int64.self, forKey: .currentPriceMinor)
        stock = try container.decodeIfPresent([String: Int].self, forKey: .stock) ?? [:]
    }
}
