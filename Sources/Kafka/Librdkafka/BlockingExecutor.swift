import Dispatch

/// Runs blocking librdkafka calls (flush, synchronous commit, destroy) off the cooperative
/// thread pool, on a dedicated concurrent dispatch queue.
enum BlockingExecutor {
    /// The queue blocking calls run on.
    static let queue = DispatchQueue(label: "kafka.blocking", attributes: .concurrent)

    /// Runs `body` on ``queue`` and returns its result to the awaiting task.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
