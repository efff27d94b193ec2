/// Turns text into vectors for retrieval. e5 embeds questions and passages differently
/// (`query: ` / `passage: ` prefixes), so the caller says which it has.
public protocol TextEmbedder: Sendable {
    /// Names the model and its settings; stored beside each embedding so a changed model
    /// re-embeds the articles.
    var embeddingModel: String { get }
    var dimension: Int { get }
    func embed(_ texts: [String], as kind: EmbeddingKind) async throws -> [[Float]]
}

public enum EmbeddingKind: Sendable {
    case query
    case passage
}
