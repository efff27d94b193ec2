import Dispatch
import Synchronization

/// The cancellation state of one operation on a connection, shared by the task that awaits it
/// and the connection's queue that runs it.
///
/// A cancel before the operation starts skips it. A cancel while it runs sends a cancel request
/// to the server from a global queue (it blocks on the network), holding the lock so that the
/// connection cannot finish this operation and start the next one before the request arrived:
/// a late cancel never hits the wrong statement.
final class QueryCancellation: Sendable {
    private enum State {
        case pending
        case running
        case cancelledBeforeStart
        case cancelRequested
        case finished
    }

    private let state = Mutex(State.pending)

    /// Marks the operation as running; false if it was cancelled before it started.
    func start() -> Bool {
        state.withLock { state in
            guard case .pending = state else { return false }
            state = .running
            return true
        }
    }

    /// Marks the operation as finished; waits for a cancel request being sent.
    func finish() {
        state.withLock { $0 = .finished }
    }

    /// Whether a cancel request was sent while the operation ran.
    var wasCancelRequested: Bool {
        state.withLock { state in
            if case .cancelRequested = state { return true }
            return false
        }
    }

    /// Cancels the operation: skips it if it has not started, asks the server to cancel it if it
    /// runs, does nothing once it finished.
    func cancel(using sender: CancelRequestSender?) {
        let mustSend = state.withLock { state -> Bool in
            switch state {
            case .pending:
                state = .cancelledBeforeStart
                return false
            case .running:
                return true
            case .cancelledBeforeStart, .cancelRequested, .finished:
                return false
            }
        }
        guard mustSend, let sender else { return }
        DispatchQueue.global().async {
            self.state.withLock { state in
                guard case .running = state else { return }
                if sender.send() { state = .cancelRequested }
            }
        }
    }
}
