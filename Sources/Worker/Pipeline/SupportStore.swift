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
    /// Each loaded order's refund state as the database reported it (order id → state); a
    /// decision on an order commits only if the state is still the same.
    public var orderRefundStates: [String: String]

    public init(
        conversation: ConversationState, customer: CustomerProfile, customerKnown: Bool, orders: [OrderSnapshot],
        recentOrders: [OrderSnapshot], catalog: [String: CatalogEntry], variants: [String: [ProductVariant]] = [:],
        transcript: [Turn], orderRefundStates: [String: String] = [:]
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

/// The refund state of the order a decision was taken on. The commit locks the order and goes
/// ahead only if the state is unchanged, so two conversations cannot both approve a refund on
/// the same state (see `CommitOutcome.orderChanged`).
public struct OrderRefundGuard: Sendable, Hashable {
    public var orderID: String
    /// The state read with the order (`order_refund_state` in the database).
    public var state: String

    public init(orderID: String, state: String) {
        self.orderID = orderID
        self.state = state
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
    /// The order state the decision was taken on, when it decided on an order.
    public var orderGuard: OrderRefundGuard?

    public init(
        message: InboundMessage, source: InboundRecord, outcome: InboxOutcome, intent: String, decisionOutcome: String?,
        conversation: ConversationState, turns: [Turn], refund: RefundRecord?, events: [EncodedEvent],
        orderGuard: OrderRefundGuard? = nil
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
        self.orderGuard = orderGuard
    }
}

/// A message the worker failed on, handed to a person instead: a safe acknowledgement to the
/// customer and an escalation with what could be built (`processing_error`).
public struct Handover: Sendable, Hashable {
    public var message: InboundMessage
    public var source: InboundRecord
    /// The intent, when the message was understood.
    public var intent: String?
    /// Escalation reason codes, `processing_error` among them.
    public var reasons: [String]
    /// The acknowledgement (kind `reply`) and the escalation, in publish order.
    public var events: [EncodedEvent]
    /// The turns to record: the customer's message and the acknowledgement.
    public var turns: [Turn]

    public init(
        message: InboundMessage, source: InboundRecord, intent: String?, reasons: [String], events: [EncodedEvent],
        turns: [Turn]
    ) {
        self.message = message
        self.source = source
        self.intent = intent
        self.reasons = reasons
        self.events = events
        self.turns = turns
    }
}

/// A dead letter to record before it is published, so that a redelivery publishes the same
/// event and the record is never processed.
public struct DeadLetterRecord: Sendable, Hashable {
    /// The encoded dead-letter event (its id derives from the record's coordinates and bytes).
    public var event: EncodedEvent
    public var source: InboundRecord
    /// The message id the payload names, when one can be read.
    public var messageID: UUID?
    /// The dead-letter error code.
    public var code: String

    public init(event: EncodedEvent, source: InboundRecord, messageID: UUID?, code: String) {
        self.event = event
        self.source = source
        self.messageID = messageID
        self.code = code
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
    /// The refunds of the order decided on changed since it was loaded (another conversation
    /// committed a decision on it): decide again on the new state.
    case orderChanged
}

/// The database, as the pipeline uses it. The PostgreSQL adapter implements it; unit tests use
/// an in-memory fake.
public protocol SupportStore: Sendable {
    /// The events a message id produced, when it was processed already (in publish order), or
    /// its dead letter, when it was dead-lettered; nil when the id was never seen.
    func storedEvents(messageID: UUID) async throws -> [EncodedEvent]?
    /// Loads what `message` needs, scoped to its customer. `orderIDs` are the order numbers
    /// the message names.
    func loadContext(for message: InboundMessage, orderIDs: [String]) async throws -> CustomerContext
    /// Writes everything a processed message decided, atomically.
    func commit(_ processed: ProcessedMessage) async throws -> CommitOutcome
    /// Records a hand-over (inbox row, the conversation marked as with a human whatever its
    /// version, turns, outbox) and returns the events to publish: these, without the
    /// acknowledgement when the conversation was already with a human, or the events stored
    /// for the message id when it was processed already.
    func commitHandover(_ handover: Handover) async throws -> [EncodedEvent]
    /// Records a dead letter once (by event id) and returns the stored event, which is the
    /// earlier one when the record was dead-lettered before.
    func recordDeadLetter(_ letter: DeadLetterRecord) async throws -> EncodedEvent
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
