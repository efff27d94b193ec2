import Synchronization

/// A value that goes up and down.
public final class Gauge: Sendable {
    private let storage = Mutex<Double>(0)

    public init() {}

    /// Sets the value.
    public func set(_ value: Double) { storage.withLock { $0 = value } }

    /// Adds `delta` (negative to subtract).
    public func add(_ delta: Double) { storage.withLock { $0 += delta } }

    /// The current value.
    public var value: Double { storage.withLock { $0 } }
}
