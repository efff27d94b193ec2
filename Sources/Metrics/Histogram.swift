import Synchronization

/// Counts observations into fixed buckets, and keeps their sum.
public final class Histogram: Sendable {
    /// Default latency buckets, in seconds: 1 ms … 30 s.
    public static let latencyBuckets: [Double] = [
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
    ]

    /// Upper bounds of the buckets, increasing.
    public let buckets: [Double]
    private let state: Mutex<Snapshot>

    /// Counts per bucket (not cumulative), total count and sum.
    public struct Snapshot: Sendable {
        public var counts: [UInt64]
        public var count: UInt64
        public var sum: Double
    }

    public init(buckets: [Double]) {
        precondition(!buckets.isEmpty && zip(buckets, buckets.dropFirst()).allSatisfy { $0 < $1 }, "buckets must increase")
        self.buckets = buckets
        self.state = Mutex(Snapshot(counts: Array(repeating: 0, count: buckets.count), count: 0, sum: 0))
    }

    /// Records one observation.
    public func observe(_ value: Double) {
        let index = buckets.firstIndex { value <= $0 }
        state.withLock { s in
            if let index { s.counts[index] += 1 }
            s.count += 1
            s.sum += value
        }
    }

    /// Records a duration in seconds.
    public func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        observe(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// A consistent copy of the counts.
    public func snapshot() -> Snapshot { state.withLock { $0 } }
}
