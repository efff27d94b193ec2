import Conversation
import Foundation
import RefundPolicy
import SupportEvents

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

    public init(
        conversation: ConversationState, customer: CustomerProfile, customerKnown: Bool, orders: [OrderSnapshot],
        recentOrders: [OrderSnapshot], catalog: [String: CatalogEntry], variants: [String: [ProductVariant]] = [:],
        transcript: [Turn]
    ) {
        self.conversation = conversation
        self.customer = customer
        self.customerKnown = customerKnown
        self.orders = orders
        self.recentOrders = recentOrders
        self.catalog = catalog
        self.variants = variants
        self.transcript = transcript
    }
}

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

/// How a processed message ended, as recorded in the inbox.
public enum InboxOutcome: String, Sendable, Hashable {
    case replied
    case escalated
    /// The conversation is with a human: the bot stayed silent.
    case suppressed
}

/// An approved refund to record (status `requested`) for the payment system.
public struct RefundRecord: Sendable, Hashable {
    public var id: UUID
    public var orderID: String
    public var outcome: String
    public var amountMinor: Int64
    public var currency: String
    public var lineNos: [Int]
    public var reasonCodes: [String]
    public var policyVersion: String

    public init(
        id: UUID, orderID: String, outcome: String, amountMinor: Int64, currency: String, lineNos: [Int],
        reasonCodes: [String], policyVersion: String
    ) {
        self.id = id
        self.orderID = orderID
        self.outcome = outcome
        self.amountMinor = amountMinor
        self.currency = currency
        self.lineNos = lineNos
        self.reasonCodes = reasonCodes
        self.policyVersion = policyVersion
    }
}

/// Everything one processed message writes, committed in one transaction.
public struct ProcessedMessage: Sendable, Hashable {
    public var message: InboundMessage
    public var source: InboundRecord
    public var outcome: InboxOutcome
    public var intent: String
    public var decisionOutcome: String?
    /// The conversation after this message; its `version` is the one that was loaded.
    public var conversation: ConversationState
    /// New turns (the customer's message, the bot's reply).
    public var turns: [Turn]
    public var refund: RefundRecord?
    /// The events to publish, in order.
    public var events: [EncodedEvent]

    public init(
        message: InboundMessage, source: InboundRecord, outcome: InboxOutcome, intent: String, decisionOutcome: String?,
        conversation: ConversationState, turns: [Turn], refund: RefundRecord?, events: [EncodedEvent]
    ) {
        self.message = message
        self.source = source
        self.outcome = outcome
        self.intent = intent
        self.decisionOutcome = decisionOutcome
        self.conversation = conversation
        self.turns = turns
        self.refund = refund
        self.events = events
    }
}

/// The result of committing a processed message.
public enum CommitOutcome: Sendable, Hashable {
    /// Written; publish the events.
    case committed
    /// Another processing of the same message id committed first: publish its events instead.
    case alreadyProcessed([EncodedEvent])
    /// The conversation changed since it was loaded: process the message again.
    case conversationChanged
}

/// The database, as the pipeline uses it. The PostgreSQL adapter implements it; unit tests use
/// an in-memory fake.
public protocol SupportStore: Sendable {
    /// The events a message id produced, when it was processed already (in publish order).
    func storedEvents(messageID: UUID) async throws -> [EncodedEvent]?
    /// Loads what `message` needs, scoped to its customer. `orderIDs` are the order numbers
    /// the message names.
    func loadContext(for message: InboundMessage, orderIDs: [String]) async throws -> CustomerContext
    /// Writes everything a processed message decided, atomically.
    func commit(_ processed: ProcessedMessage) async throws -> CommitOutcome
    /// Applies an agent console event (deduplicated by its id); returns false for a duplicate.
    func apply(_ event: AgentEvent) async throws -> Bool
}

/// Publishes encoded events to their topics and returns once the broker acknowledged all of
/// them (acks=all). Throws when any of them was not acknowledged.
public protocol EventPublisher: Sendable {
    func publish(_ events: [EncodedEvent]) async throws
}

/// An error that says whether trying again can help. Errors that do not conform count as
/// not retriable.
public protocol ClassifiedError: Error {
    /// Whether trying again later may succeed.
    var isRetriable: Bool { get }
    /// Whether the failure is a service being unreachable (database down, connection dropped,
    /// pool exhausted, broker down): every message would meet it alike, so it is retried
    /// without bound. Other retriable failures (a statement timeout, a deadlock) may be about
    /// the message itself and are retried a bounded number of times.
    var isOutage: Bool { get }
}

extension ClassifiedError {
    public var isOutage: Bool { isRetriable }
}
