/// What an `InferencePool` has done so far: plain values the service exports as metrics.
public struct InferenceCounters: Sendable, Equatable {
    /// Encoder requests that returned a result.
    public var encoderRequestsCompleted = 0
    /// Generations that returned a result.
    public var generationsCompleted = 0
    /// Requests that failed with an error from the model (bad input and the like).
    public var requestsFailed = 0
    /// Requests cancelled by their caller.
    public var requestsCancelled = 0
    /// Requests whose deadline passed before they finished.
    public var requestsExpired = 0
    /// Requests that had to wait for room in the full queue before being admitted.
    public var requestsDelayedByBackpressure = 0
    /// Encoder batches run.
    public var batches = 0
    /// Encoder requests run in those batches (batchedRequests / batches is the mean batch size).
    public var batchedRequests = 0
    /// Requests per batch: `batchSizeCounts[n]` batches held n requests.
    public var batchSizeCounts: [Int: Int] = [:]
    /// Tokens generated.
    public var generatedTokens = 0
    /// Time from arrival to the start of the request's batch (or first generation step).
    public var queueWait = DurationSummary()
    /// Time from arrival to the result.
    public var latency = DurationSummary()

    /// Empty counters.
    public init() {}

    /// Mean requests per encoder batch (0 before the first batch).
    public var meanBatchSize: Double { batches == 0 ? 0 : Double(batchedRequests) / Double(batches) }
}
