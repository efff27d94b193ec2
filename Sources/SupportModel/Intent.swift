/// What a customer message asks for. The raw values are a contract with the gateway,
/// the agent console and the models (see the service spec).
public enum Intent: String, Sendable, Hashable, Codable, CaseIterable {
    case orderStatus = "order_status"
    case shippingDelay = "shipping_delay"
    case notReceived = "not_received"
    case returnRequest = "return_request"
    case refundRequest = "refund_request"
    case refundStatus = "refund_status"
    case exchangeRequest = "exchange_request"
    case damagedOrDefective = "damaged_or_defective"
    case wrongOrMissingItem = "wrong_or_missing_item"
    case cancelOrder = "cancel_order"
    case changeOrder = "change_order"
    case priceProtection = "price_protection"
    case invoice
    case productUsage = "product_usage"
    case complaint
    case humanAgent = "human_agent"
    case chitchat
}
