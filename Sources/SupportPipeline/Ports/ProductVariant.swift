/// A sellable variant of a product.
public struct ProductVariant: Sendable, Hashable {
    public var variantSKU: String
    public var labelZH: String
    public var labelEN: String
    public var stock: Int

    public init(variantSKU: String, labelZH: String, labelEN: String, stock: Int) {
        self.variantSKU = variantSKU
        self.labelZH = labelZH
        self.labelEN = labelEN
        self.stock = stock
    }
}
