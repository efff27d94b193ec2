/// Limits and stopping rules of one text generation.
public struct GenerationOptions: Sendable, Equatable {
    /// The most tokens to generate.
    public var maxTokens: Int
    /// How each token is chosen.
    public var sampling: SamplingOptions
    /// Generation ends when the text contains one of these; the text stops before it.
    public var stopSequences: [String]
    /// Token ids that end the generation (added to the model's end-of-generation tokens).
    public var stopTokenIDs: Set<Int>
    /// Whether the model's end-of-generation tokens end the generation.
    public var stopsAtEndOfGeneration: Bool

    /// Options; by default up to 256 greedy tokens, stopping at end-of-generation tokens.
    public init(
        maxTokens: Int = 256, sampling: SamplingOptions = .greedy, stopSequences: [String] = [],
        stopTokenIDs: Set<Int> = [], stopsAtEndOfGeneration: Bool = true
    ) {
        self.maxTokens = maxTokens
        self.sampling = sampling
        self.stopSequences = stopSequences
        self.stopTokenIDs = stopTokenIDs
        self.stopsAtEndOfGeneration = stopsAtEndOfGeneration
    }

    /// Throws unless the options are usable.
    public func validate() throws {
        guard maxTokens >= 0 else {
            throw InferenceError(.invalidArgument, "maxTokens must not be negative, got \(maxTokens)")
        }
        guard !stopSequences.contains("") else {
            throw InferenceError(.invalidArgument, "a stop sequence must not be empty")
        }
        try sampling.validate()
    }
}
