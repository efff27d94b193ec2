/// How a processed message ended, as recorded in the inbox.
public enum InboxOutcome: String, Sendable, Hashable {
    case replied
    case escalated
    /// The conversation is with a human: the bot stayed silent.
    case suppressed
}
