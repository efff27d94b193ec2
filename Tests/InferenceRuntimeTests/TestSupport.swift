import InferenceRuntime

/// A small deterministic generator for test inputs (a linear congruential generator, so the
/// same seed gives the same values on every platform).
struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 6_364_136_223_846_793_005 &+ 1 }

    /// A float uniformly in [lower, upper).
    mutating func float(_ lower: Float = -1, _ upper: Float = 1) -> Float {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let unit = Float(state >> 40) / Float(1 << 24)
        return lower + (upper - lower) * unit
    }

    /// `count` floats uniformly in [lower, upper).
    mutating func floats(_ count: Int, _ lower: Float = -1, _ upper: Float = 1) -> [Float] {
        (0..<count).map { _ in float(lower, upper) }
    }
}

/// The backends this CPU can run, so every kernel test covers both paths where possible.
let supportedBackends = KernelBackend.allCases.filter(\.isSupported)

/// The largest absolute difference between two equally long arrays.
func maximumDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count)
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
