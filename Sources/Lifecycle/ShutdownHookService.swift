/// A service that holds a resource open while the group runs and releases it at shutdown
/// (closing a database pool, flushing a producer), in the group's order.
public final class ShutdownHookService: Service {
    public let name: String
    private let release: @Sendable () async -> Void
    private let stop = Completion()

    /// - Parameter release: called once, when the group shuts this service down.
    public init(name: String, release: @escaping @Sendable () async -> Void) {
        self.name = name
        self.release = release
    }

    public func run() async throws {
        await stop.wait()
        await release()
    }

    public func triggerGracefulShutdown() {
        stop.signal()
    }
}
