import Foundation
import Synchronization

/// Serves many concurrent requests from tasks on models loaded once (weights memory-mapped and
/// shared): encoder requests are batched dynamically (up to `maximumBatchSize` requests or
/// `maximumBatchTokens` tokens, waiting at most `maximumQueueDelay` for company) through a
/// bounded queue whose callers wait for room when it is full; generations run step by step on
/// the same compute threads, interleaved with encoder batches. Every request may carry a
/// deadline and is cancelled with its task. `counters` reports queue wait, batch sizes and
/// latency.
///
/// All computation happens on the pool's `ComputeThreadPool`, never on the cooperative pool.
public final class InferencePool: Sendable {
    /// The settings.
    public let configuration: InferencePoolConfiguration
    /// The compute threads every request runs on.
    public let computePool: ComputeThreadPool

    private let encoders: [String: BertEncoder]
    /// The top-layer variant each encoder name runs (nil: the model's own layers).
    private let encoderVariants: [String: String]
    private let generators: [String: TextGenerator]
    private let state: Mutex<State>

    private struct PendingEncoding {
        let continuation: CheckedContinuation<EncodedSequence, Error>
        let tokens: [Int]
        let arrival: ContinuousClock.Instant
        var deadlineWatcher: Task<Void, Never>?
    }

    private struct State {
        var machines: [String: EncoderBatchingStateMachine]
        var pending: [Int: PendingEncoding] = [:]
        var cancelledEarly: Set<Int> = []
        var wakeTokens: [String: Int] = [:]
        var nextID = 0
        var counters = InferenceCounters()
        var runningGenerations = 0
        var generationWaiters: [(id: Int, continuation: CheckedContinuation<Void, Error>)] = []
        var isShutDown = false
    }

    /// What to do after a state change, outside the lock.
    private enum Effect {
        case none
        case run(model: String, requests: [(id: Int, tokens: [Int])])
        case wake(model: String, at: ContinuousClock.Instant, token: Int)
    }

    /// A pool serving the given models by name, on `configuration.threadCount` compute threads.
    /// `encoderVariants` names, for an encoder name, the top-layer variant it runs (one loaded
    /// model can then serve, say, its fine-tuned classifier and its retrieval embeddings as two
    /// names, each batched on its own).
    public init(
        encoders: [String: BertEncoder] = [:], encoderVariants: [String: String] = [:],
        generators: [String: TextGenerator] = [:], configuration: InferencePoolConfiguration = InferencePoolConfiguration()
    ) throws {
        try configuration.validate()
        for (name, variant) in encoderVariants {
            guard let encoder = encoders[name], encoder.variantNames.contains(variant) else {
                throw InferenceError(.invalidArgument, "encoder \(name) has no variant \(variant)")
            }
        }
        self.configuration = configuration
        self.encoders = encoders
        self.encoderVariants = encoderVariants
        self.generators = generators
        computePool = ComputeThreadPool(threadCount: configuration.threadCount)
        state = Mutex(State(machines: encoders.mapValues { _ in
            EncoderBatchingStateMachine(configuration: configuration)
        }))
    }

    /// The names of the encoder models served.
    public var encoderNames: [String] { encoders.keys.sorted() }
    /// The names of the generation models served.
    public var generatorNames: [String] { generators.keys.sorted() }

    /// A snapshot of the counters.
    public var counters: InferenceCounters { state.withLock { $0.counters } }

    /// Bookkeeping left behind by cancelled requests; zero whenever no request is in flight.
    var pendingBookkeeping: (pending: Int, cancellationMarks: Int, generationWaiters: Int) {
        state.withLock { ($0.pending.count, $0.cancelledEarly.count, $0.generationWaiters.count) }
    }

    // MARK: Encoder requests

    /// Encodes one token-id sequence with the encoder `model`, batched with concurrent
    /// requests. Throws `InferenceError` (`invalidArgument` for bad input, `deadlineExceeded`,
    /// `cancelled`, `shutDown`).
    public func encode(
        _ tokens: [Int], model: String, deadline: ContinuousClock.Instant? = nil
    ) async throws -> EncodedSequence {
        guard let encoder = encoders[model] else {
            throw InferenceError(.invalidArgument, "no encoder named \(model); serving \(encoderNames)")
        }
        // Bad input fails alone here, never the batch it would have joined.
        try encoder.validate([tokens])
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        // A cancellation that arrives after the request was delivered leaves a mark nobody
        // will consume; clear it once the cancellation handler can no longer run.
        defer { state.withLock { _ = $0.cancelledEarly.remove(id) } }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let now = ContinuousClock.now
                let (effect, failure): (Effect, InferenceError?) = state.withLock { state in
                    if state.isShutDown {
                        return (.none, InferenceError(.shutDown, "the inference pool is shut down"))
                    }
                    if state.cancelledEarly.remove(id) != nil {
                        state.counters.requestsCancelled += 1
                        return (.none, InferenceError(.cancelled, "the encoder request was cancelled"))
                    }
                    if let deadline, deadline <= now {
                        state.counters.requestsExpired += 1
                        return (.none, InferenceError(.deadlineExceeded, "the deadline passed before the request was queued"))
                    }
                    state.pending[id] = PendingEncoding(continuation: continuation, tokens: tokens, arrival: now)
                    let (admitted, action) = state.machines[model]!.enqueue(
                        .init(id: id, tokens: tokens.count, arrival: now), now: now)
                    if !admitted { state.counters.requestsDelayedByBackpressure += 1 }
                    return (Self.effect(action, model: model, state: &state), nil)
                }
                if let failure {
                    continuation.resume(throwing: failure)
                    return
                }
                if let deadline {
                    let watcher = Task { [weak self] in
                        try? await Task.sleep(until: deadline, clock: .continuous)
                        guard !Task.isCancelled else { return }
                        self?.abandon(id, model: model, error: InferenceError(.deadlineExceeded, "the request's deadline passed"))
                    }
                    state.withLock { state in
                        if state.pending[id] != nil { state.pending[id]!.deadlineWatcher = watcher } else { watcher.cancel() }
                    }
                }
                perform(effect)
            }
        } onCancel: {
            abandon(id, model: model, error: InferenceError(.cancelled, "the encoder request was cancelled"))
        }
    }

    /// Fails a request that was cancelled or expired: removed from the queue if it has not
    /// started, its result dropped if it has.
    private func abandon(_ id: Int, model: String, error: InferenceError) {
        let now = ContinuousClock.now
        let (pending, effect): (PendingEncoding?, Effect) = state.withLock { state in
            guard let pending = state.pending.removeValue(forKey: id) else {
                if error.code == .cancelled { state.cancelledEarly.insert(id) }
                return (nil, .none)
            }
            if error.code == .cancelled {
                state.counters.requestsCancelled += 1
            } else {
                state.counters.requestsExpired += 1
            }
            let (_, action) = state.machines[model]!.remove(id: id, now: now)
            return (pending, Self.effect(action, model: model, state: &state))
        }
        guard let pending else { return }
        pending.deadlineWatcher?.cancel()
        pending.continuation.resume(throwing: error)
        perform(effect)
    }

    private static func effect(
        _ action: EncoderBatchingStateMachine.Action, model: String, state: inout State
    ) -> Effect {
        switch action {
        case .none:
            return .none
        case .wake(let instant):
            let token = state.wakeTokens[model, default: 0] + 1
            state.wakeTokens[model] = token
            return .wake(model: model, at: instant, token: token)
        case .run(let requests):
            state.wakeTokens[model, default: 0] += 1
            return .run(model: model, requests: requests.compactMap { request in
                state.pending[request.id].map { (request.id, $0.tokens) }
            })
        }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .none:
            break
        case .wake(let model, let instant, let token):
            Task { [weak self] in
                try? await Task.sleep(until: instant, clock: .continuous)
                self?.wake(model: model, token: token)
            }
        case .run(let model, let requests):
            Task { [weak self] in await self?.runBatch(model: model, requests: requests) }
        }
    }

    private func wake(model: String, token: Int) {
        let now = ContinuousClock.now
        let effect: Effect = state.withLock { state in
            guard state.wakeTokens[model] == token else { return .none }
            return Self.effect(state.machines[model]!.timerFired(now: now), model: model, state: &state)
        }
        perform(effect)
    }

    private func runBatch(model: String, requests: [(id: Int, tokens: [Int])]) async {
        let encoder = encoders[model]!
        let variant = encoderVariants[model]
        let start = ContinuousClock.now
        // Requests abandoned since the batch was formed are skipped.
        let live = state.withLock { state in
            let live = requests.filter { state.pending[$0.id] != nil }
            for request in live {
                state.counters.queueWait.record(start - state.pending[request.id]!.arrival)
            }
            if !live.isEmpty {
                state.counters.batches += 1
                state.counters.batchedRequests += live.count
                state.counters.batchSizeCounts[live.count, default: 0] += 1
            }
            return live
        }
        var outcome: Result<EncoderOutput, Error> = .failure(InferenceError(.cancelled, "no request left"))
        if !live.isEmpty {
            let sequences = live.map(\.tokens)
            let computePool = self.computePool
            do {
                outcome = .success(try await computePool.run { flag in
                    try encoder.encode(sequences, variants: [variant], pool: computePool, cancellation: flag)[0]
                })
            } catch {
                outcome = .failure(error)
            }
        }
        let embeddings = (try? outcome.get())?.meanPooled()
        let end = ContinuousClock.now
        var deliveries: [(PendingEncoding, Result<EncodedSequence, Error>)] = []
        let effect: Effect = state.withLock { state in
            for (index, request) in live.enumerated() {
                guard let pending = state.pending.removeValue(forKey: request.id) else { continue }
                switch outcome {
                case .success(let output):
                    let hidden = output.hiddenSize
                    let sequence = EncodedSequence(
                        tokenStates: output.tokenStates(of: index),
                        pooled: output.pooled.map { Array($0.scalars[(index * hidden)..<((index + 1) * hidden)]) },
                        embedding: Array(embeddings!.scalars[(index * hidden)..<((index + 1) * hidden)]))
                    state.counters.encoderRequestsCompleted += 1
                    state.counters.latency.record(end - pending.arrival)
                    deliveries.append((pending, .success(sequence)))
                case .failure(let error):
                    state.counters.requestsFailed += 1
                    deliveries.append((pending, .failure(error)))
                }
            }
            return Self.effect(state.machines[model]!.batchFinished(now: end), model: model, state: &state)
        }
        for (pending, result) in deliveries {
            pending.deadlineWatcher?.cancel()
            pending.continuation.resume(with: result)
        }
        perform(effect)
    }

    // MARK: Generation

    /// Generates text after `prompt` with the generation model `model`; `onText` receives the
    /// text as it is produced. At most `maximumConcurrentGenerations` run at once; their steps
    /// interleave with each other and with encoder batches.
    public func generate(
        prompt: String, model: String, options: GenerationOptions = GenerationOptions(),
        deadline: ContinuousClock.Instant? = nil, onText: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> GenerationResult {
        guard let generator = generators[model] else {
            throw InferenceError(.invalidArgument, "no generation model named \(model); serving \(generatorNames)")
        }
        try options.validate()
        let arrival = ContinuousClock.now
        if let deadline, deadline <= arrival {
            state.withLock { $0.counters.requestsExpired += 1 }
            throw InferenceError(.deadlineExceeded, "the deadline passed before the generation started")
        }
        do {
            let result = try await withDeadline(deadline) {
                try await self.acquireGenerationSlot()
                defer { self.releaseGenerationSlot() }
                let started = ContinuousClock.now
                self.state.withLock { $0.counters.queueWait.record(started - arrival) }
                return try await generator.generate(
                    prompt: prompt, options: options, pool: self.computePool, onText: onText)
            }
            state.withLock { state in
                state.counters.generationsCompleted += 1
                state.counters.generatedTokens += result.tokenIDs.count
                state.counters.latency.record(ContinuousClock.now - arrival)
            }
            return result
        } catch {
            state.withLock { state in
                switch (error as? InferenceError)?.code {
                case .cancelled?: state.counters.requestsCancelled += 1
                case .deadlineExceeded?: state.counters.requestsExpired += 1
                case .shutDown?: break
                default:
                    if error is CancellationError { state.counters.requestsCancelled += 1 } else {
                        state.counters.requestsFailed += 1
                    }
                }
            }
            if error is CancellationError { throw InferenceError(.cancelled, "the generation was cancelled") }
            throw error
        }
    }

    /// Streams a generation: `.text` deltas, then `.finished`. Ending the iteration early
    /// cancels it.
    public func stream(
        prompt: String, model: String, options: GenerationOptions = GenerationOptions(),
        deadline: ContinuousClock.Instant? = nil
    ) -> AsyncThrowingStream<GenerationEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream<GenerationEvent, Error>.makeStream()
        let task = Task {
            do {
                let result = try await self.generate(
                    prompt: prompt, model: model, options: options, deadline: deadline
                ) { continuation.yield(.text($0)) }
                continuation.yield(.finished(result))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Runs `body`, throwing `deadlineExceeded` (and cancelling it) if `deadline` passes first.
    private func withDeadline<T: Sendable>(
        _ deadline: ContinuousClock.Instant?, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard let deadline else { return try await body() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                throw InferenceError(.deadlineExceeded, "the generation's deadline passed")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw InferenceError(.deadlineExceeded, "the generation's deadline passed")
            }
            return value
        }
    }

    private func acquireGenerationSlot() async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        // Whatever the outcome, a mark left by a late cancellation is cleared once the handler
        // can no longer run. A slot taken for a request cancelled meanwhile is handed back by
        // the caller's defer.
        defer { state.withLock { _ = $0.cancelledEarly.remove(id) } }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                let outcome: Result<Void, InferenceError>? = state.withLock { state in
                    if state.isShutDown { return .failure(InferenceError(.shutDown, "the inference pool is shut down")) }
                    if state.cancelledEarly.remove(id) != nil {
                        return .failure(InferenceError(.cancelled, "the generation was cancelled"))
                    }
                    if state.runningGenerations < configuration.maximumConcurrentGenerations {
                        state.runningGenerations += 1
                        return .success(())
                    }
                    state.generationWaiters.append((id, continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Void, Error>? = state.withLock { state in
                guard let index = state.generationWaiters.firstIndex(where: { $0.id == id }) else {
                    state.cancelledEarly.insert(id)
                    return nil
                }
                return state.generationWaiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: InferenceError(.cancelled, "the generation was cancelled"))
        }
    }

    private func releaseGenerationSlot() {
        let next: CheckedContinuation<Void, Error>? = state.withLock { state in
            if state.generationWaiters.isEmpty {
                state.runningGenerations -= 1
                return nil
            }
            return state.generationWaiters.removeFirst().continuation
        }
        next?.resume()
    }

    // MARK: Shutdown

    /// Stops accepting requests and fails every queued one with `shutDown`; running batches
    /// and generation steps finish.
    public func shutDown() {
        let (encodings, waiters): ([PendingEncoding], [CheckedContinuation<Void, Error>]) = state.withLock { state in
            state.isShutDown = true
            var drained: [PendingEncoding] = []
            for model in state.machines.keys {
                for request in state.machines[model]!.drain() {
                    if let pending = state.pending.removeValue(forKey: request.id) { drained.append(pending) }
                }
            }
            let waiters = state.generationWaiters.map(\.continuation)
            state.generationWaiters.removeAll()
            return (drained, waiters)
        }
        let error = InferenceError(.shutDown, "the inference pool is shut down")
        for pending in encodings {
            pending.deadlineWatcher?.cancel()
            pending.continuation.resume(throwing: error)
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }
}
