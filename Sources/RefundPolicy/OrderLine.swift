/// One line of an order: a sku, how many units, and what was paid for them.
public struct OrderLine: Sendable, Hashable, Codable {
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
    /// Price paid for one unit after discounts, in minor units.
    public var unitPricePaidMinor: Int64
    /// Amount already refunded on this line, in minor units.
    public var refundedMinor: Int64
    /// The buyer confirmed at checkout that this item has no seven-day no-reason return.
    public var noReasonReturnExcludedConfirmed: Bool
    /// The promotion the line was sold under, if any.
    public var promotion: Promotion?

    /// A line; the optional facts default to "not refunded, no exclusion, no promotion".
    public init(
        lineNo: Int, sku: String, productName: String? = nil, category: ProductCategory, quantity: Int,
        unitPricePaidMinor: Int64, refundedMinor: Int64 = 0, noReasonReturnExcludedConfirmed: Bool = false,
        promotion: Promotion? = nil
    ) {
        self.lineNo = lineNo
        self.sku = sku
        self.productName = productName
        self.category = category
        self.quantity = quantity
        self.unitPricePaidMinor = unitPricePaidMinor
        self.refundedMinor = refundedMinor
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

    /// Reads a line in the case format; `refunded_minor`, `no_reason_return_excluded_confirmed`
    /// and `promotion` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lineNo = try container.decode(Int.self, forKey: .lineNo)
        sku = try container.decode(String.self, forKey: .sku)
        productName = try container.decodeIfPresent(String.self, forKey: .productName)
        category = try container.decode(ProductCategory.self, forKey: .category)
        quantity = try container.decode(Int.self, forKey: .quantity)
        unitPricePaidMinor = try container.decode(Int64.self, forKey: .unitPricePaidMinor)
        refundedMinor = try container.decodeIfPresent(Int64.self, forKey: .refundedMinor) ?? 0
        noReasonReturnExcludedConfirmed =
            try container.decodeIfPresent(Bool.self, forKey: .noReasonReturnExcludedConfirmed) ?? false
        promotion = try container.decodeIfPresent(Promotion.self, forKey: .promotion)
    }
}
