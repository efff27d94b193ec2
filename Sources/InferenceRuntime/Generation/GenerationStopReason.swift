/// Why a generation ended.
public enum GenerationStopReason: Sendable, Equatable {
    /// The model produced an end-of-generation (or listed stop) token.
    case endOfGeneration
    /// The text reached one of the stop sequences (the text ends before it).
    case stopSequence(String)
    /// `maxTokens` were generated.
    case maxTokens
    /// The KV cache (context) is full.
    case contextFull
}
