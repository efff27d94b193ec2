import Conversation
import Drafting
import Escalation
import RefundPolicy
import SupportModel

/// What the worker decided for one message, before drafting and publishing: pure data.
public struct MessageDecision: Sendable, Hashable {
    /// The intent acted on (the pending one when the message fills an open slot).
    public var intent: Intent
    /// The order the message is about, if one was identified for this customer.
    public var order: OrderSnapshot?
    /// The policy decision, when the message concerns an order (or names one that was not found).
    public var policyDecision: PolicyDecision?
    /// Hand-over to a human, when a trigger fired.
    public var escalation: EscalationVerdict?
    /// What to tell the customer; nil when the bot stays silent (conversation with a human).
    public var reply: ReplyPlan?
    /// What the reply would have been without the escalation: the agent's suggested reply.
    public var suggestedReply: ReplyPlan?
    /// The conversation after this message.
    public var conversation: ConversationState
    /// Whether an approved refund is to be executed (recorded and sent to payments).
    public var executesRefund: Bool

    public var inboxOutcome: InboxOutcome {
        if reply == nil { return .suppressed }
        return escalation == nil ? .replied : .escalated
    }
}
