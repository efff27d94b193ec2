import SupportModel

/// One line of an order: a sku, how many units, and what was paid for them.
public struct OrderLine: Sendable, Hashable, Encodable {
    /// The line number within the order, unique per order.
    public var lineNo: Int
    /// The sku sold on this line; the key into the case's catalogue.
    public var sku: String
    /// The product name from the catalogue, for replies.
    public var productName: String?
    /// The product category.
    public var category: ProductCategory
    /// Units sold.
    public var quantity: Int
    /// Price paid for one unit after discounts, in the order's currency.
    public var unitPricePaid: Money
    /// Amount already refunded on this line, in the order's currency.
    public var refunded: Money
    /// The buyer confirmed at checkout that this item has no seven-day no-reason return.
    public var noReasonReturnExcludedConfirmed: Bool
    /// The promotion the line was sold under, if any.
    public var promotion: Promotion?

    /// A line; the optional facts default to "not refunded, no exclusion, no promotion".
    public init(
        lineNo: Int, sku: String, productName: String? = nil, category: ProductCategory, quantity: Int,
        unitPricePaid: Money, refunded: Money? = nil, noReasonReturnExcludedConfirmed: Bool = false,
        promotion: Promotion? = nil
    ) {
        self.lineNo = lineNo
        self.sku = sku
        self.productName = productName
        self.category = category
        self.quantity = quantity
        self.unitPricePaid = unitPricePaid
        self.refunded = refunded ?? .zero(unitPricePaid.currency)
        self.noReasonReturnExcludedConfirmed = noReasonReturnExcludedConfirmed
        self.promotion = promotion
    }

    enum CodingKeys: String, CodingKey {
        case lineNo = "line_no"
        case sku
        case productName = "product_name"
        case category
        case quantity
        case unitPricePaidMinor = "unit_price_paid_minor"
        case refundedMinor = "refunded_minor"
        case noReasonReturnExcludedConfirmed = "no_reason_return_excluded_confirmed"
        case promotion
    }

    /// Reads a line in the case format, its amounts in the order's `currency`;
    /// `refunded_minor`, `no_reason_return_excluded_confirmed` and `promotion` may be absent.
    public init(from decoder: any Decoder, currency: String) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lineNo = try container.decode(Int.self, forKey: .lineNo)
        sku = try container.decode(String.self, forKey: .sku)
        productName = try container.decodeIfPresent(String.self, forKey: .productName)
        category = try container.decode(ProductCategory.self, forKey: .category)
        quantity = try container.decode(Int.self, forKey: .quantity)
        unitPricePaid = Money(minorUnits: try container.decode(Int64.self, forKey: .unitPricePaidMinor), currency: currency)
        refunded = Money(minorUnits: try container.decodeIfPresent(Int64.self, forKey: .refundedMinor) ?? 0, currency: currency)
        noReasonReturnExcludedConfirmed =
            try container.decodeIfPresent(Bool.self, forKey: .noReasonReturnExcludedConfirmed) ?? false
        promotion = try container.decodeIfPresent(Promotion.self, forKey: .promotion)
    }

    /// Writes the line in the case format (amounts in minor units of the order's currency).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lineNo, forKey: .lineNo)
        try container.encode(sku, forKey: .sku)
        try container.encode(productName, forKey: .productName)
        try container.encode(category, forKey: .category)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(unitPricePaid.minorUnits, forKey: .unitPricePaidMinor)
        try container.encode(refunded.minorUnits, forKey: .refundedMinor)
        try container.encode(noReasonReturnExcludedConfirmed, forKey: .noReasonReturnExcludedConfirmed)
        try container.encode(promotion, forKey: .promotion)
    }
}
