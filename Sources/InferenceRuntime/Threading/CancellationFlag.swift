import Synchronization

/// A flag a long computation polls between steps to stop early; set from any thread.
public final class CancellationFlag: Sendable {
    private let state = Atomic<Bool>(false)

    /// Creates a flag that is not set.
    public init() {}

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { state.load(ordering: .acquiring) }

    /// Sets the flag; the computation stops at its next check.
    public func cancel() { state.store(true, ordering: .releasing) }

    /// Throws `InferenceError.cancelled` when the flag is set.
    public func check() throws {
        if isCancelled { throw InferenceError(.cancelled, "the computation was cancelled") }
    }
}
