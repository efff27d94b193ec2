import Conversation
import SupportEvents
import SupportModel

/// Everything one processed message writes, committed in one transaction.
public struct ProcessedMessage: Sendable, Hashable {
    public var message: InboundMessage
    public var source: InboundRecord
    public var outcome: InboxOutcome
    public var intent: Intent
    public var decisionOutcome: PolicyOutcome?
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
        message: InboundMessage, source: InboundRecord, outcome: InboxOutcome, intent: Intent, decisionOutcome: PolicyOutcome?,
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
