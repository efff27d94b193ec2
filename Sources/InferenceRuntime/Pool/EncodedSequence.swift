/// The encoder's output for one sequence served by an `InferencePool`.
public struct EncodedSequence: Sendable, Equatable {
    /// (length, hidden): the last layer's token states.
    public let tokenStates: Tensor
    /// tanh(W·h[CLS] + b), when the model has a pooler.
    public let pooled: [Float]?
    /// The sentence embedding: mean of the token states, L2-normalized.
    public let embedding: [Float]

    /// Creates a result.
    public init(tokenStates: Tensor, pooled: [Float]?, embedding: [Float]) {
        self.tokenStates = tokenStates
        self.pooled = pooled
        self.embedding = embedding
    }
}
