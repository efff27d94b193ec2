import Conversation
import SupportModel
import RefundPolicy

/// What one customer's message needs from the database, loaded with the customer id of the
/// message: another customer's order is never loaded.
public struct CustomerContext: Sendable, Hashable {
    public var conversation: ConversationState
    /// The customer; a customer unknown to the shop gets a default regular profile.
    public var customer: CustomerProfile
    public var customerKnown: Bool
    /// The customer's orders the message names, or the conversation's current order.
    public var orders: [OrderSnapshot]
    /// The customer's most recent orders (newest first), for resolving "my order".
    public var recentOrders: [OrderSnapshot]
    /// Catalogue facts for the skus of the loaded orders.
    public var catalog: [String: CatalogEntry]
    /// Variant labels per product sku (`L`, `黑色`) → variant sku, for exchanges.
    public var variants: [String: [ProductVariant]]
    /// The recent turns of the conversation, oldest first.
    public var transcript: [Turn]
    /// Each loaded order's refund state as the database reported it (order id → state); a
    /// decision on an order commits only if the state is still the same.
    public var orderRefundStates: [String: String]
    /// The language the customer chose in the shop, when known: replies to messages that
    /// show no language of their own use it when the conversation has none yet.
    public var preferredLanguage: Language?

    public init(
        conversation: ConversationState, customer: CustomerProfile, customerKnown: Bool, orders: [OrderSnapshot],
        recentOrders: [OrderSnapshot], catalog: [String: CatalogEntry], variants: [String: [ProductVariant]] = [:],
        transcript: [Turn], orderRefundStates: [String: String] = [:], preferredLanguage: Language? = nil
    ) {
        self.conversation = conversation
        self.customer = customer
        self.customerKnown = customerKnown
        self.orders = orders
        self.recentOrders = recentOrders
        self.catalog = catalog
        self.variants = variants
        self.transcript = transcript
        self.orderRefundStates = orderRefundStates
        self.preferredLanguage = preferredLanguage
    }
}
