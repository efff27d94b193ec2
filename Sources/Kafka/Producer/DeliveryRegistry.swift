/// The producer's book of records in flight: who waits for each delivery report, and whether
/// the producer still takes records.
///
/// A value type kept behind a `Mutex` by ``KafkaProducer``; generic over the waiter so tests
/// drive it synchronously. Its methods return what the caller does after releasing the lock.
struct DeliveryRegistry<Waiter> {
    private var nextID: UInt64 = 1
    private var waiters: [UInt64: Waiter] = [:]
    /// Records registered whose `rd_kafka_produceva` call has not returned yet.
    private var producing = 0
    private var phase = Phase.open
    /// The fatal error that ended the producer, if any.
    private(set) var fatalError: KafkaError?

    private enum Phase {
        case open
        /// Closed to new records; `closerWaits` when the closer waits for `producing` to reach 0.
        case closed(closerWaits: Bool)
    }

    /// What to do with a new record.
    enum Admission {
        /// Hand it to librdkafka tagged with `id`.
        case produce(id: UInt64)
        /// Refuse it with this error (shut down, or a fatal error).
        case reject(KafkaError)
    }

    /// Registers the waiter of a new record.
    mutating func admit(_ waiter: Waiter) -> Admission {
        if let fatalError { return .reject(fatalError) }
        guard case .open = phase else {
            return .reject(KafkaError(.shutDown, "the producer is shut down and takes no more records"))
        }
        let id = nextID
        nextID += 1
        waiters[id] = waiter
        producing += 1
        return .produce(id: id)
    }

    /// Records that the produce call for `id` returned; a refused record's waiter is dropped.
    /// Returns `true` when a waiting ``close()`` may go on.
    mutating func produced(id: UInt64, accepted: Bool) -> Bool {
        precondition(producing > 0, "produced(id:) without admit")
        producing -= 1
        if !accepted { waiters[id] = nil }
        if case .closed(closerWaits: true) = phase, producing == 0 {
            phase = .closed(closerWaits: false)
            return true
        }
        return false
    }

    /// Takes the waiter of a delivery report; `nil` if it was already taken.
    mutating func delivered(id: UInt64) -> Waiter? {
        waiters.removeValue(forKey: id)
    }

    /// Refuses new records. Returns `true` when no produce call is in progress; otherwise the
    /// closer waits until ``produced(id:accepted:)`` returns `true`.
    mutating func close() -> Bool {
        guard case .open = phase else { return true }
        phase = .closed(closerWaits: producing > 0)
        return producing == 0
    }

    /// Records the producer's fatal error; new records are refused with it. `true` the first time.
    mutating func fail(with error: KafkaError) -> Bool {
        guard fatalError == nil else { return false }
        fatalError = error
        return true
    }

    /// Takes every remaining waiter, at the end of a shutdown.
    mutating func takeAll() -> [Waiter] {
        defer { waiters.removeAll() }
        return waiters.sorted { $0.key < $1.key }.map(\.value)
    }

    /// The number of records waiting for a delivery report.
    var inFlight: Int { waiters.count }
}

extension DeliveryRegistry: Sendable where Waiter: Sendable {}
