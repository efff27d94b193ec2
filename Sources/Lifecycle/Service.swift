/// A long-lived part of the process (consumer, HTTP endpoint, pool) run by a `ServiceGroup`.
public protocol Service: Sendable {
    /// A short name for logs (`consumer`, `status-http`).
    var name: String { get }
    /// Runs until the service ends on its own, fails, or was asked to shut down.
    func run() async throws
    /// Asks `run` to finish its in-flight work and return. Must return promptly; may be
    /// called more than once and before `run` started.
    func triggerGracefulShutdown()
}
