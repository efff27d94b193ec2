// BERT-family encoder.
// Reference: Hugging Face transformers `models/bert/modeling_bert.py` (`BertModel`:
// `BertEmbeddings`, post-LayerNorm `BertLayer`s, `BertPooler`), and sentence-transformers'
// `Pooling` (mean over the attention mask) + `Normalize` for sentence embeddings.
// Weights are addressed by their Hugging Face checkpoint names, with or without the `bert.`
// prefix (all-MiniLM-L6-v2 has none).
//
// Sequences of a batch are packed one after another (no padding rows), so linear layers
// compute only real tokens; attention runs per sequence. Outputs are padded back to
// (batch, longest, hidden) with zeros past each sequence's end.
import Foundation
import ModelFormats

/// A BERT-family encoder (BERT, MiniLM, e5, …) loaded from a safetensors checkpoint or a GGUF
/// file. A GGUF file may also hold variants of the top layers (`<variant>.encoder.layer.N`, for
/// N from the variant's first layer): a model fine-tuned from the upper layers of this one,
/// which shares its embeddings and lower layers.
public final class BertEncoder: Sendable {
    /// The model's shape.
    public let config: BertConfig
    /// The storage type of the linear layers: nil for fp32, or a GGML block type (Q8_0 is the
    /// int8 weight quantization).
    public let linearQuantization: GGMLType?

    private let wordEmbeddings: QuantizedMatrix  // (vocab, hidden), memory-mapped
    private let positionEmbeddings: [Float]  // (maxPositions, hidden)
    private let tokenTypeEmbeddings: [Float]  // (typeCount, hidden)
    private let embeddingNorm: (weight: [Float], bias: [Float])  // (hidden), (hidden)
    private let layers: [Layer]
    private let pooler: LinearLayer?  // (hidden, hidden)
    private let scratch = ScratchBufferPool()
    /// Variants of the top layers by name: the first layer they replace, and their layers.
    private let variants: [String: (start: Int, layers: [Layer])]

    /// The names of the top-layer variants the model holds.
    public var variantNames: [String] { variants.keys.sorted() }

    /// The first layer a variant replaces.
    public func firstLayer(ofVariant name: String) -> Int? { variants[name]?.start }

    private struct Layer: Sendable {
        let queryKeyValue: LinearLayer  // (3*hidden, hidden): query, key, value stacked
        let attentionOutput: LinearLayer  // (hidden, hidden)
        let attentionNorm: (weight: [Float], bias: [Float])  // (hidden), (hidden)
        let intermediate: LinearLayer  // (intermediate, hidden)
        let output: LinearLayer  // (hidden, intermediate)
        let outputNorm: (weight: [Float], bias: [Float])  // (hidden), (hidden)
    }

    /// Loads `config.json` and `model.safetensors` from a model directory.
    public convenience init(directory: String, linearQuantization: GGMLType? = nil) throws {
        let config = try BertConfig(contentsOf: (directory as NSString).appendingPathComponent("config.json"))
        let weights = try SafetensorsFile(
            path: (directory as NSString).appendingPathComponent("model.safetensors"))
        try self.init(config: config, weights: weights, linearQuantization: linearQuantization)
    }

    /// Builds the encoder from a configuration and a checkpoint. Linear weights are packed
    /// (or quantized to `linearQuantization`) once; the word embeddings stay memory-mapped.
    public convenience init(config: BertConfig, weights: SafetensorsFile, linearQuantization: GGMLType? = nil) throws {
        try self.init(
            config: config, checkpoint: BertCheckpoint(source: .safetensors(weights)), linearQuantization: linearQuantization,
            variants: [:])
    }

    /// Loads a GGUF file (`general.architecture` `bert`, tensors by Hugging Face name) and the
    /// top-layer variants `variants` maps to their first layer (`["nlu": 6]` reads
    /// `nlu.encoder.layer.6` … up to the last layer). Block-quantized weights are used as stored.
    public convenience init(gguf: GGUFFile, variants: [String: Int] = [:]) throws {
        try self.init(
            config: try Self.config(gguf), checkpoint: BertCheckpoint(source: .gguf(gguf)), linearQuantization: nil,
            variants: variants)
    }

    /// The configuration a GGUF file's `bert.*` metadata gives.
    static func config(_ gguf: GGUFFile) throws -> BertConfig {
        do {
            guard try gguf.string("general.architecture") == "bert" else {
                throw InferenceError(
                    .invalidArgument, "\(gguf.file.path): general.architecture is not bert")
            }
            let hidden = try gguf.int("bert.embedding_length")
            let word = gguf.tensorInfo(named: "embeddings.word_embeddings.weight")
            let types = gguf.tensorInfo(named: "embeddings.token_type_embeddings.weight")
            let config = BertConfig(
                vocabularySize: (try? gguf.int("bert.vocab_size")) ?? word?.shape.first ?? 0, hiddenSize: hidden,
                layerCount: try gguf.int("bert.block_count"), attentionHeadCount: try gguf.int("bert.attention.head_count"),
                intermediateSize: try gguf.int("bert.feed_forward_length"),
                maximumPositions: try gguf.int("bert.context_length"), tokenTypeCount: types?.shape.first ?? 2,
                layerNormEpsilon: Float(try gguf.double("bert.attention.layer_norm_epsilon")), activation: .gelu)
            return config
        } catch let error as ModelFormatError {
            throw InferenceError(.invalidArgument, "\(gguf.file.path): \(error.message)")
        }
    }

    init(
        config: BertConfig, checkpoint: BertCheckpoint, linearQuantization: GGMLType?, variants: [String: Int]
    ) throws {
        try config.validate()
        if let linearQuantization, !BlockQuantizer.supportedTypes.contains(linearQuantization) {
            throw InferenceError(
                .unsupportedTensorType, "linear layers cannot be quantized to \(linearQuantization)")
        }
        self.config = config
        self.linearQuantization = linearQuantization
        let hidden = config.hiddenSize, inner = config.intermediateSize
        wordEmbeddings = try checkpoint.table("embeddings.word_embeddings.weight", [config.vocabularySize, hidden])
        positionEmbeddings = try checkpoint.floats(
            "embeddings.position_embeddings.weight", [config.maximumPositions, hidden])
        tokenTypeEmbeddings = try checkpoint.floats(
            "embeddings.token_type_embeddings.weight", [config.tokenTypeCount, hidden])
        embeddingNorm = (try checkpoint.floats("embeddings.LayerNorm.weight", [hidden]),
                         try checkpoint.floats("embeddings.LayerNorm.bias", [hidden]))
        // All fp32 linear weights are packed into one arena, in the order they are built.
        let shapes = [(3 * hidden, hidden), (hidden, hidden), (inner, hidden), (hidden, inner)]
        let variantLayers = variants.values.reduce(0) { $0 + max(0, config.layerCount - $1) }
        let arena: PackedWeightArena?
        if case .safetensors = checkpoint.source, linearQuantization == nil {
            arena = PackedWeightArena(counts: (0..<(config.layerCount + variantLayers)).flatMap { _ in
                shapes.map { PackedWeightArena.packedCount(outputs: $0.0, inputs: $0.1) }
            })
        } else {
            arena = nil
        }
        func layer(_ prefix: String) throws -> Layer {
            func linear(_ names: [String], _ outputs: Int, _ inputs: Int) throws -> LinearLayer {
                try checkpoint.linear(
                    names.map { "\(prefix).\($0)" }, outputs: outputs, inputs: inputs, quantization: linearQuantization,
                    slot: arena?.slot())
            }
            return Layer(
                queryKeyValue: try linear(
                    ["attention.self.query", "attention.self.key", "attention.self.value"], hidden, hidden),
                attentionOutput: try linear(["attention.output.dense"], hidden, hidden),
                attentionNorm: (try checkpoint.floats("\(prefix).attention.output.LayerNorm.weight", [hidden]),
                                try checkpoint.floats("\(prefix).attention.output.LayerNorm.bias", [hidden])),
                intermediate: try linear(["intermediate.dense"], inner, hidden),
                output: try linear(["output.dense"], hidden, inner),
                outputNorm: (try checkpoint.floats("\(prefix).output.LayerNorm.weight", [hidden]),
                             try checkpoint.floats("\(prefix).output.LayerNorm.bias", [hidden])))
        }
        layers = try (0..<config.layerCount).map { try layer("encoder.layer.\($0)") }
        var loaded: [String: (start: Int, layers: [Layer])] = [:]
        for (name, start) in variants {
            guard (0..<config.layerCount).contains(start) else {
                throw InferenceError(.invalidArgument, "variant \(name) starts at layer \(start) of \(config.layerCount)")
            }
            loaded[name] = (start, try (start..<config.layerCount).map { try layer("\(name).encoder.layer.\($0)") })
        }
        self.variants = loaded
        pooler = checkpoint.contains("pooler.dense.weight")
            ? try checkpoint.linear(["pooler.dense"], outputs: hidden, inputs: hidden, quantization: nil, slot: nil)
            : nil
    }

    /// Whether the checkpoint has the pooler (`pooler.dense`).
    public var hasPooler: Bool { pooler != nil }

    /// Encodes a batch of token-id sequences (each starting with [CLS] as the tokenizer adds
    /// it). `tokenTypes` defaults to all zeros. Cancellation is checked between layers. With
    /// `keepsLayerStates`, the output also holds the embedding output and every layer's output.
    public func encode(
        _ sequences: [[Int]], tokenTypes: [[Int]]? = nil, pool: ComputeThreadPool? = nil,
        cancellation: CancellationFlag? = nil, keepsLayerStates: Bool = false,
        backend: KernelBackend = .best
    ) throws -> EncoderOutput {
        try encode(
            sequences, tokenTypes: tokenTypes, variants: [nil], pool: pool, cancellation: cancellation,
            keepsLayerStates: keepsLayerStates, backend: backend)[0]
    }

    /// Encodes a batch once through the shared layers and then through each of `variants`
    /// (nil: the model's own top layers): one output per variant, in order.
    public func encode(
        _ sequences: [[Int]], tokenTypes: [[Int]]? = nil, variants requested: [String?], pool: ComputeThreadPool? = nil,
        cancellation: CancellationFlag? = nil, keepsLayerStates: Bool = false, backend: KernelBackend = .best
    ) throws -> [EncoderOutput] {
        let stacks: [(start: Int, layers: [Layer])] = try requested.map { name in
            guard let name else { return (0, layers) }
            guard let variant = variants[name] else {
                throw InferenceError(.invalidArgument, "the model has no variant \(name) (it has \(variantNames))")
            }
            return variant
        }
        let shared = stacks.map { $0.start == 0 ? config.layerCount : $0.start }.min() ?? config.layerCount
        let hidden = config.hiddenSize
        try validate(sequences, tokenTypes: tokenTypes)
        var ranges: [Range<Int>] = []
        var total = 0
        for sequence in sequences {
            ranges.append(total..<(total + sequence.count))
            total += sequence.count
        }
        // Work buffers, borrowed from the scratch pool (tokens rows each):
        // x, attended, context (hidden), qkv (3·hidden), inner (intermediate).
        let width = config.intermediateSize
        let sizes = [hidden, hidden, hidden, 3 * hidden, width].map { ($0 * total + 15) / 16 * 16 }
        var layerStates: [[Float]] = []
        let outputs = try scratch.withBuffer(count: sizes.reduce(0, +)) { base -> [[Float]] in
            let x = base, attended = x + sizes[0], context = attended + sizes[1]
            let qkv = context + sizes[2], inner = qkv + sizes[3]
            try embed(sequences, tokenTypes: tokenTypes, into: x)
            if keepsLayerStates { layerStates.append(Array(UnsafeBufferPointer(start: x, count: total * hidden))) }
            for layer in layers.prefix(shared) {
                try cancellation?.check()
                try run(layer, x: x, attended: attended, qkv: qkv, context: context, inner: inner,
                        tokens: total, sequences: ranges, pool: pool, backend: backend)
                if keepsLayerStates { layerStates.append(Array(UnsafeBufferPointer(start: x, count: total * hidden))) }
            }
            // Each stack continues from the shared states (kept aside when there are several).
            let sharedStates = stacks.count > 1 ? Array(UnsafeBufferPointer(start: x, count: total * hidden)) : []
            var results: [[Float]] = []
            for (index, stack) in stacks.enumerated() {
                if index > 0 { sharedStates.withUnsafeBufferPointer { x.update(from: $0.baseAddress!, count: total * hidden) } }
                // The base layers between the shared ones and the stack's own, then its own.
                let top = stack.start == 0
                    ? Array(layers[shared...]) : Array(layers[shared..<stack.start]) + stack.layers
                for layer in top {
                    try cancellation?.check()
                    try run(layer, x: x, attended: attended, qkv: qkv, context: context, inner: inner,
                            tokens: total, sequences: ranges, pool: pool, backend: backend)
                    if keepsLayerStates && index == 0 {
                        layerStates.append(Array(UnsafeBufferPointer(start: x, count: total * hidden)))
                    }
                }
                results.append(Array(UnsafeBufferPointer(start: x, count: total * hidden)))
            }
            return results
        }
        return try outputs.enumerated().map { index, x in
            var result = try output(x, ranges: ranges, pool: pool, backend: backend)
            if keepsLayerStates && index == 0 {
                result.layerStates = layerStates.map { padded($0, ranges: ranges) }
            }
            return result
        }
    }

    /// Throws the error `encode` would throw for these inputs (empty or too long sequences,
    /// token ids outside the vocabulary, token types that do not fit), without running the model.
    public func validate(_ sequences: [[Int]], tokenTypes: [[Int]]? = nil) throws {
        guard !sequences.isEmpty else {
            throw InferenceError(.invalidArgument, "the batch has no sequences")
        }
        for (index, sequence) in sequences.enumerated() {
            guard !sequence.isEmpty, sequence.count <= config.maximumPositions else {
                throw InferenceError(
                    .invalidArgument,
                    "sequence \(index) has \(sequence.count) tokens; the model takes 1 to \(config.maximumPositions)")
            }
            if let bad = sequence.first(where: { $0 < 0 || $0 >= config.vocabularySize }) {
                throw InferenceError(
                    .invalidArgument, "sequence \(index) has token id \(bad) outside 0..<\(config.vocabularySize)")
            }
        }
        if let tokenTypes {
            guard tokenTypes.map(\.count) == sequences.map(\.count) else {
                throw InferenceError(.shapeMismatch, "token types do not have the sequences' lengths")
            }
            if let bad = tokenTypes.joined().first(where: { $0 < 0 || $0 >= config.tokenTypeCount }) {
                throw InferenceError(
                    .invalidArgument, "token type \(bad) outside 0..<\(config.tokenTypeCount)")
            }
        }
    }

    /// x = LayerNorm(word + position + token type embeddings).
    private func embed(_ sequences: [[Int]], tokenTypes: [[Int]]?, into x: UnsafeMutablePointer<Float>) throws {
        let hidden = config.hiddenSize
        var row = 0
        for (index, sequence) in sequences.enumerated() {
            for (position, token) in sequence.enumerated() {
                let target = x + row * hidden
                try wordEmbeddings.dequantizeRow(token, into: target)
                let type = tokenTypes?[index][position] ?? 0
                for j in 0..<hidden {
                    target[j] += positionEmbeddings[position * hidden + j]
                        + tokenTypeEmbeddings[type * hidden + j]
                }
                row += 1
            }
        }
        Normalization.layerNorm(
            x, rows: row, width: hidden, weight: embeddingNorm.weight, bias: embeddingNorm.bias,
            epsilon: config.layerNormEpsilon, output: x)
    }

    /// One post-LN transformer layer, in place on x (tokens, hidden).
    private func run(
        _ layer: Layer, x: UnsafeMutablePointer<Float>, attended: UnsafeMutablePointer<Float>,
        qkv: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>,
        inner: UnsafeMutablePointer<Float>, tokens: Int, sequences: [Range<Int>],
        pool: ComputeThreadPool?, backend: KernelBackend
    ) throws {
        let hidden = config.hiddenSize, width = config.intermediateSize
        // qkv (tokens, 3*hidden) = x · [Wq; Wk; Wv]ᵀ + [bq; bk; bv]
        try layer.queryKeyValue.apply(x, rows: tokens, into: qkv, pool: pool, backend: backend)
        // context (tokens, hidden) = softmax(Q·Kᵀ/√d)·V per sequence and head
        Attention.bidirectional(
            queries: qkv, keys: qkv + hidden, values: qkv + 2 * hidden, stride: 3 * hidden,
            sequences: sequences, heads: config.attentionHeadCount, headSize: config.headSize,
            output: context, outputStride: hidden, pool: pool, backend: backend)
        // attended = LayerNorm(x + context·Woᵀ + bo)
        attended.update(from: x, count: tokens * hidden)
        try layer.attentionOutput.apply(
            context, rows: tokens, into: attended, accumulate: true, pool: pool, backend: backend)
        normalize(attended, tokens: tokens, layer.attentionNorm, pool: pool)
        // inner (tokens, intermediate) = act(attended · Wiᵀ + bi)
        try layer.intermediate.apply(attended, rows: tokens, into: inner, pool: pool, backend: backend)
        if let pool, tokens >= 32 {
            pool.parallelRanges(tokens) { rows in
                self.activate(inner + rows.lowerBound * width, count: rows.count * width, backend: backend)
            }
        } else {
            activate(inner, count: tokens * width, backend: backend)
        }
        // x = LayerNorm(attended + inner·Wo2ᵀ + bo2)
        x.update(from: attended, count: tokens * hidden)
        try layer.output.apply(inner, rows: tokens, into: x, accumulate: true, pool: pool, backend: backend)
        normalize(x, tokens: tokens, layer.outputNorm, pool: pool)
    }

    /// LayerNorm in place over `tokens` rows, spread over the pool for long inputs.
    private func normalize(
        _ x: UnsafeMutablePointer<Float>, tokens: Int, _ norm: (weight: [Float], bias: [Float]),
        pool: ComputeThreadPool?
    ) {
        let hidden = config.hiddenSize, epsilon = config.layerNormEpsilon
        guard let pool, tokens >= 64 else {
            Normalization.layerNorm(
                x, rows: tokens, width: hidden, weight: norm.weight, bias: norm.bias, epsilon: epsilon, output: x)
            return
        }
        pool.parallelRanges(tokens) { rows in
            let start = x + rows.lowerBound * hidden
            Normalization.layerNorm(
                start, rows: rows.count, width: hidden, weight: norm.weight, bias: norm.bias,
                epsilon: epsilon, output: start)
        }
    }

    private func activate(_ x: UnsafeMutablePointer<Float>, count: Int, backend: KernelBackend) {
        switch config.activation {
        case .gelu: Activation.gelu(x, count: count, backend: backend)
        case .geluTanh: Activation.geluTanh(x, count: count)
        case .relu: Activation.relu(x, count: count)
        case .silu: Activation.silu(x, count: count, backend: backend)
        }
    }

    /// Pads the packed hidden states to (batch, longest, hidden) and applies the pooler.
    private func output(
        _ x: [Float], ranges: [Range<Int>], pool: ComputeThreadPool?, backend: KernelBackend
    ) throws -> EncoderOutput {
        let hidden = config.hiddenSize
        var pooled: Tensor?
        if let pooler {
            let first = ranges.flatMap { x[($0.lowerBound * hidden)..<($0.lowerBound * hidden + hidden)] }
            var values = [Float](repeating: 0, count: ranges.count * hidden)
            try first.withUnsafeBufferPointer { input in
                try values.withUnsafeMutableBufferPointer { out in
                    try pooler.apply(input.baseAddress!, rows: ranges.count, into: out.baseAddress!,
                                     pool: pool, backend: backend)
                    Activation.tanh(out.baseAddress!, count: out.count)
                }
            }
            pooled = Tensor(uncheckedShape: [ranges.count, hidden], scalars: values)
        }
        return EncoderOutput(lengths: ranges.map(\.count), hiddenStates: padded(x, ranges: ranges), pooled: pooled)
    }

    /// Packed token rows to (batch, longest, hidden), zeros past each sequence's end.
    private func padded(_ x: [Float], ranges: [Range<Int>]) -> Tensor {
        let hidden = config.hiddenSize
        let longest = ranges.map(\.count).max() ?? 0
        var padded = [Float](repeating: 0, count: ranges.count * longest * hidden)
        for (index, range) in ranges.enumerated() {
            let source = range.lowerBound * hidden
            let target = index * longest * hidden
            padded.replaceSubrange(target..<(target + range.count * hidden),
                                   with: x[source..<(source + range.count * hidden)])
        }
        return Tensor(uncheckedShape: [ranges.count, longest, hidden], scalars: padded)
    }
}
