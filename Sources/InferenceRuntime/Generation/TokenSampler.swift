import Foundation

/// Picks the next token from logits: greedy arg-max, or seeded sampling in the order Hugging
/// Face applies its warpers: temperature, then top-k, then top-p (nucleus), then a draw.
public struct TokenSampler: Sendable {
    /// The settings.
    public let options: SamplingOptions
    private var random: SeededRandomGenerator

    /// A sampler with its own generator seeded from `options.seed`.
    public init(options: SamplingOptions) throws {
        try options.validate()
        self.options = options
        random = SeededRandomGenerator(seed: options.seed)
    }

    /// The chosen token id.
    public mutating func next(from logits: [Float]) -> Int {
        guard !logits.isEmpty else { return 0 }
        if options.isGreedy { return Self.argmax(logits) }
        let temperature = options.temperature
        var candidates = logits.indices.map { (id: $0, logit: logits[$0] / temperature) }
        if options.topK > 0 && options.topK < candidates.count {
            candidates = Array(candidates.sorted { $0.logit > $1.logit }.prefix(options.topK))
        } else {
            candidates.sort { $0.logit > $1.logit }
        }
        let maximum = candidates[0].logit
        var probabilities = candidates.map { Double(expf($0.logit - maximum)) }
        let total = probabilities.reduce(0, +)
        probabilities = probabilities.map { $0 / total }
        if options.topP < 1 {
            var cumulative = 0.0
            var keep = probabilities.count
            for (index, probability) in probabilities.enumerated() {
                cumulative += probability
                if cumulative >= Double(options.topP) {
                    keep = index + 1
                    break
                }
            }
            probabilities = Array(probabilities.prefix(keep))
            candidates = Array(candidates.prefix(keep))
        }
        let kept = probabilities.reduce(0, +)
        var draw = Double.random(in: 0..<1, using: &random) * kept
        for (index, probability) in probabilities.enumerated() {
            draw -= probability
            if draw < 0 { return candidates[index].id }
        }
        return candidates[candidates.count - 1].id
    }

    /// The index of the largest logit (the first one on ties, as llama.cpp's greedy sampler).
    public static func argmax(_ logits: [Float]) -> Int {
        var best = 0
        for index in logits.indices where logits[index] > logits[best] { best = index }
        return best
    }
}
