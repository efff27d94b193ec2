/// A product category as the catalogue names it (`electronics`, `fresh_perishable`, …).
///
/// Any text decodes; whether a category is known is decided by the policy document's
/// `categories`, and a line of an unknown category goes to manual review.
public struct ProductCategory: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The category name.
    public var rawValue: String

    /// A category with this name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A category written as a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Reads the category from a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Writes the category as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The category name.
    public var description: String { rawValue }

    /// Phones, computers, cameras.
    public static let electronics: ProductCategory = "electronics"
    /// Household appliances.
    public static let appliances: ProductCategory = "appliances"
    /// Clothing.
    public static let apparel: ProductCategory = "apparel"
    /// Footwear.
    public static let shoes: ProductCategory = "shoes"
    /// Cosmetics.
    public static let cosmetics: ProductCategory = "cosmetics"
    /// Personal hygiene products.
    public static let personalHygiene: ProductCategory = "personal_hygiene"
    /// Packaged food.
    public static let foodPackaged: ProductCategory = "food_packaged"
    /// Fresh and perishable goods (excluded from no-reason return by law).
    public static let freshPerishable: ProductCategory = "fresh_perishable"
    /// Books.
    public static let books: ProductCategory = "books"
    /// Newspapers and periodicals (excluded from no-reason return by law).
    public static let newspapersPeriodicals: ProductCategory = "newspapers_periodicals"
    /// Downloaded or unsealed digital content (excluded from no-reason return by law).
    public static let digitalContent: ProductCategory = "digital_content"
    /// Goods made to the customer's order (excluded from no-reason return by law).
    public static let customMade: ProductCategory = "custom_made"
    /// Home goods.
    public static let home: ProductCategory = "home"
    /// Toys.
    public static let toys: ProductCategory = "toys"
    /// Jewellery.
    public static let jewelry: ProductCategory = "jewelry"
}
