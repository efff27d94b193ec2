/// Decides when a librdkafka handle may be destroyed while other threads use it.
///
/// Each use of the handle holds a lease; closing the gate refuses new leases, and the handle is
/// destroyed only once the last lease is returned. A value type kept behind a `Mutex` by
/// ``RdKafkaClient``; its methods say what to do after the lock is released.
struct HandleGate: Sendable {
    enum State: Equatable, Sendable {
        /// Leases are handed out.
        case open(leases: Int)
        /// Closing: no new leases; the closer waits for `leases` to be returned.
        case draining(leases: Int)
        /// The handle is (being) destroyed.
        case closed
    }

    /// What the closer does next.
    enum CloseAction: Equatable, Sendable {
        /// No lease is out: destroy the handle now.
        case destroyNow
        /// Wait until the last lease is returned, then destroy.
        case waitForLeases
        /// Another caller closed the gate already: nothing to do.
        case alreadyClosing
    }

    private(set) var state: State = .open(leases: 0)

    /// Takes a lease; `false` when the gate is closing or closed.
    mutating func acquire() -> Bool {
        guard case .open(let leases) = state else { return false }
        state = .open(leases: leases + 1)
        return true
    }

    /// Returns a lease; `true` when it was the last one a waiting closer needs.
    mutating func release() -> Bool {
        switch state {
        case .open(let leases):
            precondition(leases > 0, "lease released twice")
            state = .open(leases: leases - 1)
            return false
        case .draining(let leases):
            precondition(leases > 0, "lease released twice")
            if leases == 1 {
                state = .closed
                return true
            }
            state = .draining(leases: leases - 1)
            return false
        case .closed:
            preconditionFailure("lease released after the gate closed")
        }
    }

    /// Refuses new leases and says whether the handle can be destroyed now.
    mutating func close() -> CloseAction {
        switch state {
        case .open(let leases) where leases == 0:
            state = .closed
            return .destroyNow
        case .open(let leases):
            state = .draining(leases: leases)
            return .waitForLeases
        case .draining, .closed:
            return .alreadyClosing
        }
    }

    /// Whether new leases are refused.
    var isClosing: Bool {
        if case .open = state { return false }
        return true
    }
}
