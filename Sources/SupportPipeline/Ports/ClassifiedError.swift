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
