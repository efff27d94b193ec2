import SupportEvents

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
