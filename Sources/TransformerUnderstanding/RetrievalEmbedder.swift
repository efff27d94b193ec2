import InferenceRuntime
import KnowledgeBase

/// e5's sentence embeddings for knowledge-base retrieval: the understanding model's file
/// holds e5's own 12 layers beside the fine-tuned ones, served by the same pool under another
/// name (`UnderstandingEngine.retrievalEncoderName`). Questions get the `query: ` prefix,
/// passages `passage: `; the embedding is the mean of the token states, L2-normalized.
public struct RetrievalEmbedder: TextEmbedder {
    public let model: UnderstandingModel
    public let pool: InferencePool
    public let encoderName: String
    public var timeout: Duration

    public init(model: UnderstandingModel, pool: InferencePool, encoderName: String, timeout: Duration = .seconds(30)) {
        self.model = model
        self.pool = pool
        self.encoderName = encoderName
        self.timeout = timeout
    }

    public var embeddingModel: String { "\(model.name)/e5-mean-\(model.maximumTokens)" }
    public var dimension: Int { model.encoder.config.hiddenSize }

    public func embed(_ texts: [String], as kind: EmbeddingKind) async throws -> [[Float]] {
        let prefix = kind == .query ? "query: " : "passage: "
        let inputs = texts.map { model.tokenizer.encode(prefix + $0, maximumLength: model.maximumTokens).ids }
        let deadline = ContinuousClock.now + timeout
        return try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
            for (index, ids) in inputs.enumerated() {
                group.addTask { (index, try await pool.encode(ids, model: encoderName, deadline: deadline).embedding) }
            }
            var vectors = [[Float]](repeating: [], count: inputs.count)
            for try await (index, vector) in group { vectors[index] = vector }
            return vectors
        }
    }
}
