/// The consumer's bookkeeping: where it is in its life, its assignment, and the offsets stored
/// since the last commit of each partition.
///
/// One enum holds the life cycle with the data each stage has, so no flag can contradict the
/// stage (a stopped consumer with a live assignment, a fatal error on a running one). A value
/// type kept behind a `Mutex` by ``KafkaConsumer``; its methods say what to do after the lock is
/// released, so it is tested synchronously.
struct ConsumerState: Sendable {
    /// What a member of the group holds.
    struct Membership: Sendable, Equatable {
        /// The partitions currently assigned.
        var assignment: Set<TopicPartition> = []
        /// The next offset to read, per partition, as last stored (the processed offset + 1).
        var storedOffsets: [TopicPartition: Int64] = [:]
        /// Whether the group has given this member an assignment yet (even an empty one).
        var hasBeenAssigned = false
    }

    enum Lifecycle: Sendable {
        /// Created; ``KafkaConsumer/run(handler:)`` not called yet (a stop may already be asked).
        case idle(Membership, stopRequested: Bool)
        /// The poll thread runs.
        case running(Membership)
        /// Asked to stop, or failed: the poll loop ends, then the consumer closes (revoking its
        /// partitions, which commits their stored offsets).
        case stopping(Membership, fatalError: KafkaError?)
        /// The consumer is closed and destroyed.
        case finished(fatalError: KafkaError?)
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

    private(set) var lifecycle = Lifecycle.idle(Membership(), stopRequested: false)

    /// The membership of the current stage (empty once finished).
    private var membership: Membership {
        get {
            switch lifecycle {
            case .idle(let m, _), .running(let m), .stopping(let m, _): m
            case .finished: Membership()
            }
        }
        set {
            switch lifecycle {
            case .idle(_, let stop): lifecycle = .idle(newValue, stopRequested: stop)
            case .running: lifecycle = .running(newValue)
            case .stopping(_, let error): lifecycle = .stopping(newValue, fatalError: error)
            case .finished: break  // nothing is assigned to a closed consumer
            }
        }
    }

    /// The partitions currently assigned.
    var assignment: Set<TopicPartition> { membership.assignment }
    /// The next offset to read per partition, as last stored.
    var storedOffsets: [TopicPartition: Int64] { membership.storedOffsets }
    /// Whether the group has given this member an assignment yet.
    var hasBeenAssigned: Bool { membership.hasBeenAssigned }

    /// Whether the poll loop should end.
    var shouldStop: Bool {
        switch lifecycle {
        case .idle(_, let stop): stop
        case .running: false
        case .stopping, .finished: true
        }
    }

    /// The fatal error that stopped the consumer, if any.
    var fatalError: KafkaError? {
        switch lifecycle {
        case .stopping(_, let error), .finished(let error): error
        case .idle, .running: nil
        }
    }

    /// Called by `run`.
    mutating func startRun() -> RunDecision {
        switch lifecycle {
        case .idle(let m, let stop):
            lifecycle = stop ? .stopping(m, fatalError: nil) : .running(m)
            return .start
        case .running, .stopping: return .refuseRunning
        case .finished: return .refuseFinished
        }
    }

    /// Asks the poll loop to end. `true` the first time.
    mutating func requestStop() -> Bool {
        switch lifecycle {
        case .idle(let m, false):
            lifecycle = .idle(m, stopRequested: true)
            return true
        case .running(let m):
            lifecycle = .stopping(m, fatalError: nil)
            return true
        case .idle(_, true), .stopping, .finished:
            return false
        }
    }

    /// Records a fatal error and stops. `true` the first time an error is recorded.
    mutating func fail(with error: KafkaError) -> Bool {
        switch lifecycle {
        case .idle(let m, _), .running(let m), .stopping(let m, nil):
            lifecycle = .stopping(m, fatalError: error)
            return true
        case .finished(nil):
            lifecycle = .finished(fatalError: error)
            return true
        case .stopping(_, .some), .finished(.some):
            return false
        }
    }

    /// Partitions were assigned: they start without stored offsets.
    mutating func assign(_ partitions: [TopicPartition]) {
        var m = membership
        m.hasBeenAssigned = true
        for partition in partitions {
            m.assignment.insert(partition)
            m.storedOffsets[partition] = nil
        }
        membership = m
    }

    /// Partitions are being revoked: returns their stored offsets, to commit before they go.
    /// From now on storing offsets for them fails.
    mutating func revoke(_ partitions: [TopicPartition]) -> [TopicPartition: Int64] {
        var m = membership
        var toCommit: [TopicPartition: Int64] = [:]
        for partition in partitions {
            m.assignment.remove(partition)
            if let offset = m.storedOffsets.removeValue(forKey: partition) { toCommit[partition] = offset }
        }
        membership = m
        return toCommit
    }

    /// Partitions were lost: their stored offsets are dropped, nothing is committed.
    mutating func lose(_ partitions: [TopicPartition]) {
        var m = membership
        for partition in partitions {
            m.assignment.remove(partition)
            m.storedOffsets[partition] = nil
        }
        membership = m
    }

    /// Whether offsets may be stored for `partition`.
    func isAssigned(_ partition: TopicPartition) -> Bool { membership.assignment.contains(partition) }

    /// An offset was stored in librdkafka; remembered for the commit on revocation. Ignored when
    /// the partition was revoked in the meantime (librdkafka commits it when it unassigns).
    mutating func stored(_ partition: TopicPartition, nextOffset: Int64) {
        guard membership.assignment.contains(partition) else { return }
        membership.storedOffsets[partition] = nextOffset
    }

    /// The consumer is closed: nothing is assigned any more.
    mutating func finish() {
        lifecycle = .finished(fatalError: fatalError)
    }
}
