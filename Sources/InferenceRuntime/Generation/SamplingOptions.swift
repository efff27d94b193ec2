/// How the next token is chosen from the logits.
public struct SamplingOptions: Sendable, Equatable {
    /// 0 picks the most likely token (greedy); above 0 divides the logits before sampling.
    public var temperature: Float
    /// Keep only the `topK` most likely tokens (0 keeps all).
    public var topK: Int
    /// Keep the smallest set of most likely tokens whose probability reaches `topP` (1 keeps all).
    public var topP: Float
    /// The seed of the sampler's random generator.
    public var seed: UInt64

    /// Sampling with the given settings; defaults to top-k 40, top-p 0.95, seed 0.
    public init(temperature: Float, topK: Int = 40, topP: Float = 0.95, seed: UInt64 = 0) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.seed = seed
    }

    /// Always the most likely token.
    public static let greedy = SamplingOptions(temperature: 0, topK: 1, topP: 1)

    /// Whether this picks the arg-max.
    public var isGreedy: Bool { temperature <= 0 || topK == 1 }

    /// Throws unless the settings are in range.
    public func validate() throws {
        guard temperature >= 0, temperature.isFinite, topK >= 0, topP > 0, topP <= 1 else {
            throw InferenceError(
                .invalidArgument,
                "sampling needs temperature ≥ 0, topK ≥ 0 and 0 < topP ≤ 1; got \(temperature), \(topK), \(topP)")
        }
    }
}
