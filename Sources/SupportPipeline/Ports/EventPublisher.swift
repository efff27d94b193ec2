import SupportEvents

/// Publishes encoded events to their topics and returns once the broker acknowledged all of
/// them (acks=all). Throws when any of them was not acknowledged.
public protocol EventPublisher: Sendable {
    func publish(_ events: [EncodedEvent]) async throws
}
