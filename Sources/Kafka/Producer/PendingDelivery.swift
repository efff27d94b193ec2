import Synchronization

/// The outcome of one queued record: completed by its delivery report on the poll thread,
/// awaited by the sender.
final class PendingDelivery: Sendable {
    typealias Outcome = Result<DeliveryReport, KafkaError>

    private enum State {
        case waiting(CheckedContinuation<Outcome, Never>?)
        case done(Outcome)
    }

    private let state = Mutex(State.waiting(nil))

    /// Records the outcome and wakes the awaiting sender. Later calls are ignored.
    func complete(_ outcome: Outcome) {
        let waiter: CheckedContinuation<Outcome, Never>? = state.withLock { state in
            guard case .waiting(let waiter) = state else { return nil }
            state = .done(outcome)
            return waiter
        }
        waiter?.resume(returning: outcome)
    }

    /// Waits for the outcome. Call from one task only.
    var outcome: Outcome {
        get async {
            await withCheckedContinuation { continuation in
                let ready: Outcome? = state.withLock { state in
                    switch state {
                    case .done(let outcome): return outcome
                    case .waiting:
                        state = .waiting(continuation)
                        return nil
                    }
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
