/// Settings of an `InferencePool`, with defaults for a 2-core worker.
public struct InferencePoolConfiguration: Sendable, Equatable {
    /// Compute threads the pool's kernels use (default 2).
    public var threadCount: Int
    /// Encoder requests admitted to the queue at most; further callers wait for room
    /// (backpressure) until their deadline or cancellation (default 256).
    public var maximumQueueLength: Int
    /// Encoder requests run together at most (default 8).
    public var maximumBatchSize: Int
    /// Tokens in one encoder batch at most (default 2048); a longer single request still runs alone.
    public var maximumBatchTokens: Int
    /// How long the first queued encoder request waits for others before its batch starts
    /// (default 2 ms), like Triton's `max_queue_delay_microseconds`.
    public var maximumQueueDelay: Duration
    /// Generations running at once at most; more wait in line (default 4).
    public var maximumConcurrentGenerations: Int

    /// A configuration; every value has a default.
    public init(
        threadCount: Int = 2, maximumQueueLength: Int = 256, maximumBatchSize: Int = 8,
        maximumBatchTokens: Int = 2048, maximumQueueDelay: Duration = .milliseconds(2),
        maximumConcurrentGenerations: Int = 4
    ) {
        self.threadCount = threadCount
        self.maximumQueueLength = maximumQueueLength
        self.maximumBatchSize = maximumBatchSize
        self.maximumBatchTokens = maximumBatchTokens
        self.maximumQueueDelay = maximumQueueDelay
        self.maximumConcurrentGenerations = maximumConcurrentGenerations
    }

    /// Throws unless every limit is positive.
    public func validate() throws {
        guard threadCount >= 1, maximumQueueLength >= 1, maximumBatchSize >= 1,
            maximumBatchTokens >= 1, maximumQueueDelay >= .zero, maximumConcurrentGenerations >= 1
        else {
            throw InferenceError(.invalidConfiguration, "every inference pool limit must be positive: \(self)")
        }
    }
}
