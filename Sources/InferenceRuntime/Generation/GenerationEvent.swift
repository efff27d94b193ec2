/// One step of a streamed generation.
public enum GenerationEvent: Sendable, Equatable {
    /// New text (complete UTF-8, never part of a pending stop sequence).
    case text(String)
    /// The generation ended.
    case finished(GenerationResult)
}
