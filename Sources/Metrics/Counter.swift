import Synchronization

/// A monotonically increasing count.
public final class Counter: Sendable {
    private let storage = Atomic<UInt64>(0)

    public init() {}

    /// Adds `amount` (default 1).
    public func increment(by amount: UInt64 = 1) {
        storage.wrappingAdd(amount, ordering: .relaxed)
    }

    /// The current count.
    public var value: Double { Double(storage.load(ordering: .relaxed)) }
}
