/// What an encoder returns for a batch: token states padded to the longest sequence, the
/// pooled first-token output if the model has a pooler, and sentence embeddings on demand.
public struct EncoderOutput: Sendable, Equatable {
    /// The number of tokens of each sequence.
    public let lengths: [Int]
    /// (batch, longest, hidden): the last layer's token states, zeros past each sequence's end.
    public let hiddenStates: Tensor
    /// (batch, hidden): tanh(W·h[CLS] + b), when the checkpoint has `pooler.dense`.
    public let pooled: Tensor?
    /// When asked for: the embedding output, then each layer's output, each
    /// (batch, longest, hidden) like `hiddenStates`.
    public internal(set) var layerStates: [Tensor]?

    /// Creates an output; `hiddenStates` must be (lengths.count, max length, hidden).
    public init(lengths: [Int], hiddenStates: Tensor, pooled: Tensor?) {
        self.lengths = lengths
        self.hiddenStates = hiddenStates
        self.pooled = pooled
    }

    /// Width of the hidden states.
    public var hiddenSize: Int { hiddenStates.shape.last ?? 0 }

    /// The (length, hidden) token states of sequence `index`.
    public func tokenStates(of index: Int) -> Tensor {
        tokenStates(of: index, in: hiddenStates)
    }

    /// The (length, hidden) rows of sequence `index` in a padded (batch, longest, hidden) tensor.
    public func tokenStates(of index: Int, in states: Tensor) -> Tensor {
        let hidden = hiddenSize, longest = states.shape[1]
        let start = index * longest * hidden
        let values = Array(states.scalars[start..<(start + lengths[index] * hidden)])
        return Tensor(uncheckedShape: [lengths[index], hidden], scalars: values)
    }

    /// (batch, hidden) sentence embeddings as sentence-transformers computes them: the mean of
    /// each sequence's token states, then (when `normalized`) divided by its L2 norm.
    public func meanPooled(normalized: Bool = true) -> Tensor {
        let hidden = hiddenSize, longest = hiddenStates.shape[1]
        var result = [Float](repeating: 0, count: lengths.count * hidden)
        for (index, length) in lengths.enumerated() {
            let start = index * longest * hidden
            var sums = [Double](repeating: 0, count: hidden)
            for t in 0..<length {
                for j in 0..<hidden { sums[j] += Double(hiddenStates.scalars[start + t * hidden + j]) }
            }
            let means = sums.map { $0 / Double(max(length, 1)) }
            let norm = normalized ? max(means.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12) : 1
            for j in 0..<hidden { result[index * hidden + j] = Float(means[j] / norm) }
        }
        return Tensor(uncheckedShape: [lengths.count, hidden], scalars: result)
    }
}
