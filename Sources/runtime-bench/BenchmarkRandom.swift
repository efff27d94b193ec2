/// Deterministic benchmark inputs (a linear congruential generator).
struct BenchmarkRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 6_364_136_223_846_793_005 &+ 1 }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }

    /// A float in [-1, 1).
    mutating func float() -> Float { Float(next() % (1 << 24)) / Float(1 << 23) - 1 }

    /// An integer in `range`.
    mutating func integer(in range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}
