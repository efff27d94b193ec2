import Dispatch
import Foundation
import Synchronization

/// A dedicated thread that polls librdkafka, off Swift's cooperative thread pool, so blocking
/// polls and callbacks never starve async tasks.
final class PollThread: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let name: String

    init(name: String) {
        self.name = name
    }

    /// Starts the thread running `body`, which should return soon after ``shouldStop``.
    func start(_ body: @escaping @Sendable (PollThread) -> Void) {
        let thread = Thread { [self] in
            body(self)
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Whether the loop should end.
    var shouldStop: Bool { stopRequested.load(ordering: .acquiring) }

    /// Asks the loop to end after its current poll.
    func requestStop() {
        stopRequested.store(true, ordering: .releasing)
    }

    /// Blocks until the thread's body has returned. Call once, from a dedicated thread.
    func join() {
        finished.wait()
    }
}
