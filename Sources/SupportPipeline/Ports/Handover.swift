import Conversation
import SupportEvents
import SupportModel

/// A message the worker failed on, handed to a person instead: a safe acknowledgement to the
/// customer and an escalation with what could be built (`processing_error`).
public struct Handover: Sendable, Hashable {
    public var message: InboundMessage
    public var source: InboundRecord
    /// The intent, when the message was understood.
    public var intent: Intent?
    /// Escalation reason codes, `processing_error` among them.
    public var reasons: [EscalationReason]
    /// The acknowledgement (kind `reply`) and the escalation, in publish order.
    public var events: [EncodedEvent]
    /// The turns to record: the customer's message and the acknowledgement.
    public var turns: [Turn]

    public init(
        message: InboundMessage, source: InboundRecord, intent: Intent?, reasons: [EscalationReason], events: [EncodedEvent],
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
