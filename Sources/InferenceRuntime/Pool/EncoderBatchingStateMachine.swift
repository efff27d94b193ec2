/// Dynamic batching of encoder requests for one model, as a value type: the pool keeps it
/// behind a `Mutex`, feeds it events with the current time, and performs the returned action
/// after releasing the lock.
///
/// Requests are admitted into a bounded FIFO queue (further ones wait for room: backpressure).
/// A batch starts when no batch is running and either the queue holds `maximumBatchSize`
/// requests or `maximumBatchTokens` tokens, or its oldest request has waited
/// `maximumQueueDelay`; otherwise the pool is asked to wake the machine at that moment.
struct EncoderBatchingStateMachine {
    /// One queued request.
    struct Request: Equatable {
        let id: Int
        let tokens: Int
        let arrival: ContinuousClock.Instant
    }

    /// What the pool must do next.
    enum Action: Equatable {
        /// Nothing.
        case none
        /// Run these requests as one batch now, then call `batchFinished`.
        case run([Request])
        /// Call `timerFired` at this instant (replacing any earlier request to wake).
        case wake(at: ContinuousClock.Instant)
    }

    let maximumQueueLength: Int
    let maximumBatchSize: Int
    let maximumBatchTokens: Int
    let maximumQueueDelay: Duration

    /// Admitted requests, oldest first.
    private(set) var queued: [Request] = []
    /// Requests waiting for room in the queue, oldest first.
    private(set) var waitingForRoom: [Request] = []
    /// Whether a batch is running.
    private(set) var isBatchRunning = false

    init(configuration: InferencePoolConfiguration) {
        maximumQueueLength = configuration.maximumQueueLength
        maximumBatchSize = configuration.maximumBatchSize
        maximumBatchTokens = configuration.maximumBatchTokens
        maximumQueueDelay = configuration.maximumQueueDelay
    }

    /// Adds a request. Returns whether it was admitted at once (false: it waits for room) and
    /// the action to perform.
    mutating func enqueue(_ request: Request, now: ContinuousClock.Instant) -> (admitted: Bool, action: Action) {
        guard queued.count < maximumQueueLength && waitingForRoom.isEmpty else {
            waitingForRoom.append(request)
            return (false, .none)
        }
        queued.append(request)
        return (true, decide(now: now))
    }

    /// Removes a request that was cancelled or whose deadline passed, if it has not started.
    /// Returns whether it was found, and the action to perform.
    mutating func remove(id: Int, now: ContinuousClock.Instant) -> (found: Bool, action: Action) {
        if let index = waitingForRoom.firstIndex(where: { $0.id == id }) {
            waitingForRoom.remove(at: index)
            return (true, .none)
        }
        guard let index = queued.firstIndex(where: { $0.id == id }) else { return (false, .none) }
        queued.remove(at: index)
        admitWaiting()
        return (true, decide(now: now))
    }

    /// The moment asked for by `.wake` has come.
    mutating func timerFired(now: ContinuousClock.Instant) -> Action { decide(now: now) }

    /// The running batch is done.
    mutating func batchFinished(now: ContinuousClock.Instant) -> Action {
        isBatchRunning = false
        return decide(now: now)
    }

    /// Removes and returns every request (shutdown).
    mutating func drain() -> [Request] {
        defer {
            queued.removeAll()
            waitingForRoom.removeAll()
        }
        return queued + waitingForRoom
    }

    private mutating func decide(now: ContinuousClock.Instant) -> Action {
        guard !isBatchRunning, let oldest = queued.first else { return .none }
        let due = oldest.arrival.advanced(by: maximumQueueDelay)
        let queuedTokens = queued.reduce(0) { $0 + $1.tokens }
        guard queued.count >= maximumBatchSize || queuedTokens >= maximumBatchTokens || now >= due else {
            return .wake(at: due)
        }
        var batch: [Request] = []
        var tokens = 0
        for request in queued {
            if batch.count == maximumBatchSize { break }
            if !batch.isEmpty && tokens + request.tokens > maximumBatchTokens { break }
            batch.append(request)
            tokens += request.tokens
        }
        queued.removeFirst(batch.count)
        admitWaiting()
        isBatchRunning = true
        return .run(batch)
    }

    private mutating func admitWaiting() {
        while queued.count < maximumQueueLength, !waitingForRoom.isEmpty {
            queued.append(waitingForRoom.removeFirst())
        }
    }
}
