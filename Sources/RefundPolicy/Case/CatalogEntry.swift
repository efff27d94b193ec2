import SupportModel

/// Catalogue facts about one sku at decision time.
public struct CatalogEntry: Sendable, Hashable, Encodable {
    /// The current selling price of one unit; nil when unknown. A price in another currency
    /// than the order's is not compared (price protection leaves it to a person).
    public var currentPrice: Money?
    /// Units in stock per variant sku (for exchanges).
    public var stock: [String: Int]

    /// A catalogue entry.
    public init(currentPrice: Money? = nil, stock: [String: Int] = [:]) {
        self.currentPrice = currentPrice
        self.stock = stock
    }

    enum CodingKeys: String, CodingKey {
        case currentPriceMinor = "current_price_minor"
        case currency
        case stock
    }

    /// Reads an entry in the case format; every field may be absent. The price is in
    /// `currency` when the entry names one, else in the order's (`orderCurrency`).
    public init(from decoder: any Decoder, orderCurrency: String?) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decodeIfPresent(String.self, forKey: .currency) ?? orderCurrency
        if let minor = try container.decodeIfPresent(Int64.self, forKey: .currentPriceMinor), let currency {
            currentPrice = Money(minorUnits: minor, currency: currency)
        } else {
            currentPrice = nil
        }
        stock = try container.decodeIfPresent([String: Int].self, forKey: .stock) ?? [:]
    }

    /// Writes the entry in the case format.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(currentPrice?.minorUnits, forKey: .currentPriceMinor)
        try container.encode(currentPrice?.currency, forKey: .currency)
        try container.encode(stock, forKey: .stock)
    }
}
