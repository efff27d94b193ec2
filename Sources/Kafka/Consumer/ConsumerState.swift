/// The consumer's bookkeeping: whether it runs, its assignment, and the offsets stored since
/// the last commit of each partition.
///
/// A value type kept behind a `Mutex` by ``KafkaConsumer``; its methods say what to do after the
/// lock is released, so it is tested synchronously.
struct ConsumerState: Sendable {
    enum Lifecycle: Equatable, Sendable {
        /// Created; ``KafkaConsumer/run(handler:)`` not called yet.
        case idle
        /// The poll thread runs.
        case running
        /// The consumer is closed and destroyed.
        case finished
    }

    /// What ``KafkaConsumer/run(handler:)`` does.
    enum RunDecision: Equatable, Sendable {
        /// Start the poll thread.
        case start
        /// Refuse: it already runs.
        case refuseRunning
        /// Refuse: the consumer is already closed.
        case refuseFinished
    }

    private(set) var lifecycle = Lifecycle.idle
    /// Set by ``KafkaConsumer/triggerShutdown()`` or a fatal error; the poll loop ends.
    private(set) var isStopping = false
    /// The fatal error that stopped the consumer, if any.
    private(set) var fatalError: KafkaError?
    /// The partitions currently assigned.
    private(set) var assignment: Set<TopicPartition> = []
    /// The next offset to read, per partition, as last stored (the processed offset + 1).
    private(set) var storedOffsets: [TopicPartition: Int64] = [:]
    /// Whether the group has given this member an assignment yet (even an empty one).
    private(set) var hasBeenAssigned = false

    /// Whether the poll loop should end.
    var shouldStop: Bool { isStopping }

    /// Called by `run`.
    mutating func startRun() -> RunDecision {
        switch lifecycle {
        case .idle:
            lifecycle = .running
            return .start
        case .running: return .refuseRunning
        case .finished: return .refuseFinished
        }
    }

    /// Asks the poll loop to end. `true` the first time.
    mutating func requestStop() -> Bool {
        defer { isStopping = true }
        return !isStopping
    }

    /// Records a fatal error and stops. `true` the first time.
    mutating func fail(with error: KafkaError) -> Bool {
        isStopping = true
        guard fatalError == nil else { return false }
        fatalError = error
        return true
    }

    /// Partitions were assigned: they start without stored offsets.
    mutating func assign(_ partitions: [TopicPartition]) {
        hasBeenAssigned = true
        for partition in partitions {
            assignment.insert(partition)
            storedOffsets[partition] = nil
        }
    }

    /// Partitions are being revoked: returns their stored offsets, to commit before they go.
    /// From now on storing offsets for them fails.
    mutating func revoke(_ partitions: [TopicPartition]) -> [TopicPartition: Int64] {
        var toCommit: [TopicPartition: Int64] = [:]
        for partition in partitions {
            assignment.remove(partition)
            if let offset = storedOffsets.removeValue(forKey: partition) { toCommit[partition] = offset }
        }
        return toCommit
    }

    /// Partitions were lost: their stored offsets are dropped, nothing is committed.
    mutating func lose(_ partitions: [TopicPartition]) {
        for partition in partitions {
            assignment.remove(partition)
            storedOffsets[partition] = nil
        }
    }

    /// Whether offsets may be stored for `partition`.
    func isAssigned(_ partition: TopicPartition) -> Bool { assignment.contains(partition) }

    /// An offset was stored in librdkafka; remembered for the commit on revocation. Ignored when
    /// the partition was revoked in the meantime (librdkafka commits it when it unassigns).
    mutating func stored(_ partition: TopicPartition, nextOffset: Int64) {
        guard assignment.contains(partition) else { return }
        storedOffsets[partition] = nextOffset
    }

    /// The consumer is closed: nothing is assigned any more.
    mutating func finish() {
        lifecycle = .finished
        isStopping = true
        assignment.removeAll()
        storedOffsets.removeAll()
    }
}
