/// The outcome of a finished generation.
public struct GenerationResult: Sendable, Equatable {
    /// The generated text (without the prompt, cut before a stop sequence).
    public var text: String
    /// The generated token ids (including a final stop token, if any).
    public var tokenIDs: [Int]
    /// Why it ended.
    public var stopReason: GenerationStopReason
    /// Tokens in the prompt.
    public var promptTokenCount: Int
    /// Seconds spent on the prompt (prefill).
    public var promptSeconds: Double
    /// Seconds spent generating the tokens after the prompt.
    public var generationSeconds: Double

    /// Creates a result.
    public init(
        text: String, tokenIDs: [Int], stopReason: GenerationStopReason, promptTokenCount: Int,
        promptSeconds: Double, generationSeconds: Double
    ) {
        self.text = text
        self.tokenIDs = tokenIDs
        self.stopReason = stopReason
        self.promptTokenCount = promptTokenCount
        self.promptSeconds = promptSeconds
        self.generationSeconds = generationSeconds
    }
}
