/// Count, sum, maximum and a fixed-bucket histogram of durations, for export as metrics.
public struct DurationSummary: Sendable, Equatable {
    /// Upper bounds of the histogram buckets, in seconds (the last bucket is unbounded).
    public static let bucketBounds: [Double] = [
        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10,
    ]

    /// Observations.
    public private(set) var count = 0
    /// Sum of the observations in seconds.
    public private(set) var sum: Double = 0
    /// Largest observation in seconds.
    public private(set) var maximum: Double = 0
    /// Observations per bucket: `bucketCounts[i]` counts those ≤ `bucketBounds[i]` and above
    /// the previous bound; the last entry counts those above every bound.
    public private(set) var bucketCounts = [Int](repeating: 0, count: bucketBounds.count + 1)

    /// An empty summary.
    public init() {}

    /// The mean in seconds (0 when empty).
    public var mean: Double { count == 0 ? 0 : sum / Double(count) }

    /// Adds one observation.
    public mutating func record(_ duration: Duration) {
        let components = duration.components
        let seconds = max(0, Double(components.seconds) + Double(components.attoseconds) / 1e18)
        count += 1
        sum += seconds
        maximum = max(maximum, seconds)
        let bucket = Self.bucketBounds.firstIndex { seconds <= $0 } ?? Self.bucketBounds.count
        bucketCounts[bucket] += 1
    }
}
