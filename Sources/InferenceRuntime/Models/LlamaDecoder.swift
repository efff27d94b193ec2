// Llama-family decoder from a GGUF file.
// Reference: llama.cpp `src/models/llama.cpp` (`llm_build_llama`: RMSNorm, RoPE in the GGUF
// "normal" adjacent-pair form, grouped-query attention over a KV cache, SwiGLU feed-forward,
// tied or separate output weights) and Hugging Face transformers `models/llama/modeling_llama.py`.
// Weights keep their GGUF storage types (Q4_1, Q8_0, F16, …) and stay memory-mapped; products
// quantize the activations per 32-value block as ggml does.
import Foundation
import ModelFormats

/// A Llama-family decoder-only model (Llama, SmolLM2, …) loaded from GGUF.
public final class LlamaDecoder: Sendable {
    /// The model's shape.
    public let config: LlamaConfig
    /// The rotary embedding of the attention heads.
    public let rotary: RotaryEmbedding

    private let tokenEmbeddings: QuantizedMatrix  // (vocab, d), token_embd.weight
    private let layers: [Layer]
    private let outputNorm: [Float]  // (d), output_norm.weight
    private let output: QuantizedMatrix  // (vocab, d), output.weight or token_embd.weight (tied)
    private let scratch = ScratchBufferPool()

    private struct Layer: Sendable {
        let attentionNorm: [Float]  // (d), blk.N.attn_norm.weight
        let query: QuantizedMatrix  // (heads*hd, d), blk.N.attn_q.weight
        let key: QuantizedMatrix  // (kvHeads*hd, d), blk.N.attn_k.weight
        let value: QuantizedMatrix  // (kvHeads*hd, d), blk.N.attn_v.weight
        let attentionOutput: QuantizedMatrix  // (d, heads*hd), blk.N.attn_output.weight
        let feedForwardNorm: [Float]  // (d), blk.N.ffn_norm.weight
        let gate: QuantizedMatrix  // (ff, d), blk.N.ffn_gate.weight
        let up: QuantizedMatrix  // (ff, d), blk.N.ffn_up.weight
        let down: QuantizedMatrix  // (d, ff), blk.N.ffn_down.weight
    }

    /// Whether the output projection shares the token embedding matrix.
    public let hasTiedOutput: Bool

    /// Loads the GGUF file at `path`.
    public convenience init(path: String) throws {
        try self.init(gguf: try GGUFFile(path: path))
    }

    /// Builds the model from an opened GGUF file; weights stay memory-mapped.
    public init(gguf: GGUFFile) throws {
        let config = try LlamaConfig(gguf: gguf)
        self.config = config
        rotary = try RotaryEmbedding(dimensions: config.ropeDimensionCount, base: config.ropeFrequencyBase)
        let d = config.embeddingLength, hd = config.headSize
        let kvWidth = config.headCountKV * hd, ff = config.feedForwardLength
        func matrix(_ name: String, _ rows: Int, _ columns: Int) throws -> QuantizedMatrix {
            guard let info = gguf.tensorInfo(named: name) else {
                throw InferenceError(.missingTensor, "\(gguf.file.path): no tensor \(name)")
            }
            guard info.shape == [rows, columns] else {
                throw InferenceError(
                    .shapeMismatch, "\(name) has shape \(info.shape); the config needs \([rows, columns])")
            }
            return try QuantizedMatrix(
                type: info.type, rows: rows, columns: columns, bytes: try gguf.tensorBytes(named: name), name: name)
        }
        func norm(_ name: String) throws -> [Float] {
            // Norm weights are stored as 1-D tensors of d values.
            guard let info = gguf.tensorInfo(named: name) else {
                throw InferenceError(.missingTensor, "\(gguf.file.path): no tensor \(name)")
            }
            guard info.shape == [d] else {
                throw InferenceError(.shapeMismatch, "\(name) has shape \(info.shape); the config needs [\(d)]")
            }
            let bytes = try gguf.tensorBytes(named: name)
            var values = [Float](repeating: 0, count: d)
            try values.withUnsafeMutableBufferPointer { out in
                try BlockDequantizer.dequantize(
                    info.type, from: bytes.unsafeBytes.baseAddress!, count: d, into: out.baseAddress!)
            }
            return values
        }
        tokenEmbeddings = try matrix("token_embd.weight", config.vocabularySize, d)
        layers = try (0..<config.blockCount).map { n in
            Layer(
                attentionNorm: try norm("blk.\(n).attn_norm.weight"),
                query: try matrix("blk.\(n).attn_q.weight", config.headCount * hd, d),
                key: try matrix("blk.\(n).attn_k.weight", kvWidth, d),
                value: try matrix("blk.\(n).attn_v.weight", kvWidth, d),
                attentionOutput: try matrix("blk.\(n).attn_output.weight", d, config.headCount * hd),
                feedForwardNorm: try norm("blk.\(n).ffn_norm.weight"),
                gate: try matrix("blk.\(n).ffn_gate.weight", ff, d),
                up: try matrix("blk.\(n).ffn_up.weight", ff, d),
                down: try matrix("blk.\(n).ffn_down.weight", d, ff))
        }
        outputNorm = try norm("output_norm.weight")
        if gguf.tensorInfo(named: "output.weight") != nil {
            output = try matrix("output.weight", config.vocabularySize, d)
            hasTiedOutput = false
        } else {
            output = tokenEmbeddings
            hasTiedOutput = true
        }
    }

    /// Bytes of weights read for one generated token (all matrices once).
    public var weightBytesPerToken: Int {
        layers.reduce(output.bytes.count) { sum, layer in
            sum + [layer.query, layer.key, layer.value, layer.attentionOutput, layer.gate, layer.up,
                   layer.down].reduce(0) { $0 + $1.bytes.count }
        }
    }

    /// A KV cache sized for `capacity` positions (at most the model's context length), f16 by
    /// default as llama.cpp keeps it.
    public func makeCache(capacity: Int? = nil, precision: KeyValueCache.Precision = .float16) throws -> KeyValueCache {
        let positions = min(capacity ?? config.contextLength, config.contextLength)
        return try KeyValueCache(
            layers: config.blockCount, capacity: positions, kvHeads: config.headCountKV,
            headSize: config.headSize, precision: precision)
    }

    /// Runs `tokens` at the positions after those already in `cache` (a prompt in one batch, or
    /// one generated token), appends their keys and values to the cache, and returns the
    /// logits (vocab) of the last token — or of every token when `allLogits` is set
    /// (tokens × vocab, row-major).
    public func forward(
        _ tokens: [Int], cache: KeyValueCache, allLogits: Bool = false,
        pool: ComputeThreadPool? = nil, cancellation: CancellationFlag? = nil,
        backend: KernelBackend = .best
    ) throws -> [Float] {
        let count = tokens.count
        guard count > 0 else { throw InferenceError(.invalidArgument, "no tokens to run") }
        guard cache.layers == config.blockCount, cache.kvHeads == config.headCountKV,
            cache.headSize == config.headSize
        else {
            throw InferenceError(.shapeMismatch, "the KV cache was made for another model shape")
        }
        let start = cache.count
        guard start + count <= cache.capacity else {
            throw InferenceError(
                .invalidArgument,
                "\(start) cached + \(count) new tokens exceed the cache's \(cache.capacity) positions")
        }
        if let bad = tokens.first(where: { $0 < 0 || $0 >= config.vocabularySize }) {
            throw InferenceError(.invalidArgument, "token id \(bad) outside 0..<\(config.vocabularySize)")
        }
        let d = config.embeddingLength, qWidth = config.headCount * config.headSize
        let kvWidth = config.headCountKV * config.headSize, ff = config.feedForwardLength
        // Work buffers borrowed from the scratch pool, `count` rows each: x (residual stream),
        // h (normalized), delta (d); q, attended (heads·hd); k, v (kvHeads·hd); gate, up (ff).
        let sizes = [d, d, d, qWidth, qWidth, kvWidth, kvWidth, ff, ff].map { ($0 * count + 15) / 16 * 16 }
        return try scratch.withBuffer(count: sizes.reduce(0, +)) { base in
            var offsets: [Int] = [0]
            for size in sizes.dropLast() { offsets.append(offsets.last! + size) }
            let buffer = { base + offsets[$0] }
            return try forward(
                tokens, cache: cache, start: start, allLogits: allLogits, pool: pool,
                cancellation: cancellation, backend: backend,
                buffers: (buffer(0), buffer(1), buffer(2), buffer(3), buffer(4), buffer(5), buffer(6),
                          buffer(7), buffer(8)))
        }
    }

    /// The forward pass proper, on borrowed work buffers.
    private func forward(
        _ tokens: [Int], cache: KeyValueCache, start: Int, allLogits: Bool, pool: ComputeThreadPool?,
        cancellation: CancellationFlag?, backend: KernelBackend,
        buffers: (x: UnsafeMutablePointer<Float>, h: UnsafeMutablePointer<Float>, delta: UnsafeMutablePointer<Float>,
                  q: UnsafeMutablePointer<Float>, attended: UnsafeMutablePointer<Float>,
                  keys: UnsafeMutablePointer<Float>, values: UnsafeMutablePointer<Float>,
                  gate: UnsafeMutablePointer<Float>, up: UnsafeMutablePointer<Float>)
    ) throws -> [Float] {
        let count = tokens.count
        let d = config.embeddingLength, hd = config.headSize, heads = config.headCount
        let qWidth = heads * hd, kvWidth = config.headCountKV * hd, ff = config.feedForwardLength
        let (x, h, delta, q, attended, keys, values, gate, up) = buffers

        for (t, token) in tokens.enumerated() {
            try tokenEmbeddings.dequantizeRow(token, into: x + t * d)
        }
        let angles = (0..<count).map { rotary.angles(at: start + $0) }
        for (n, layer) in layers.enumerated() {
            try cancellation?.check()
            // h = RMSNorm(x) · attn_norm
            Normalization.rmsNorm(
                x, rows: count, width: d, weight: layer.attentionNorm, epsilon: config.rmsNormEpsilon,
                output: h)
            // q (tokens, heads*hd), k and v (tokens, kvHeads*hd)
            let input = try QuantizedActivations(
                h, rows: count, columns: d, format: layer.query.activationFormat, backend: backend)
            let products = [
                try QuantizedProduct(matrix: layer.query, activations: input, output: q, outputStride: qWidth),
                try QuantizedProduct(
                    matrix: layer.key, activations: try sharedActivations(input, h, count, layer.key, backend),
                    output: keys, outputStride: kvWidth),
                try QuantizedProduct(
                    matrix: layer.value, activations: try sharedActivations(input, h, count, layer.value, backend),
                    output: values, outputStride: kvWidth),
            ]
            QuantizedMatrix.multiply(products, pool: pool, backend: backend)
            for t in 0..<count {
                rotary.apply(q + t * qWidth, heads: heads, headSize: hd, cos: angles[t].cos, sin: angles[t].sin)
                rotary.apply(
                    keys + t * kvWidth, heads: config.headCountKV, headSize: hd, cos: angles[t].cos,
                    sin: angles[t].sin)
            }
            // The cache keeps k (after RoPE) and v at positions start ..< start+tokens.
            try cache.store(keys: keys, values: values, layer: n, position: start, tokens: count)
            // attended (tokens, heads*hd) = causal attention over positions 0 ..< start+t+1
            Attention.causal(
                queries: q, queryStride: qWidth, tokens: count, start: start, heads: heads,
                cache: cache, layer: n, output: attended, outputStride: qWidth, pool: pool,
                backend: backend)
            // x += attended · Woᵀ
            try layer.attentionOutput.multiply(
                attended, tokens: count, into: delta, outputStride: d, pool: pool, backend: backend)
            add(delta, into: x, count: count * d)
            // h = RMSNorm(x) · ffn_norm; x += (SiLU(h·Wgᵀ) ⊙ h·Wuᵀ) · Wdᵀ
            Normalization.rmsNorm(
                x, rows: count, width: d, weight: layer.feedForwardNorm, epsilon: config.rmsNormEpsilon,
                output: h)
            let ffnInput = try QuantizedActivations(
                h, rows: count, columns: d, format: layer.gate.activationFormat, backend: backend)
            QuantizedMatrix.multiply(
                [
                    try QuantizedProduct(matrix: layer.gate, activations: ffnInput, output: gate, outputStride: ff),
                    try QuantizedProduct(
                        matrix: layer.up, activations: try sharedActivations(ffnInput, h, count, layer.up, backend),
                        output: up, outputStride: ff),
                ], pool: pool, backend: backend)
            Activation.swiGLU(gate: gate, up: up, count: count * ff, backend: backend)
            try layer.down.multiply(gate, tokens: count, into: delta, outputStride: d, pool: pool, backend: backend)
            add(delta, into: x, count: count * d)
        }
        try cache.advance(by: count)
        // logits = RMSNorm(x) · output_norm · W_outᵀ, for the last token (or all)
        let first = allLogits ? 0 : count - 1
        let rows = count - first
        Normalization.rmsNorm(
            x + first * d, rows: rows, width: d, weight: outputNorm, epsilon: config.rmsNormEpsilon,
            output: h)
        var logits = [Float](repeating: 0, count: rows * config.vocabularySize)
        try logits.withUnsafeMutableBufferPointer { out in
            try output.multiply(
                h, tokens: rows, into: out.baseAddress!, outputStride: config.vocabularySize, pool: pool,
                backend: backend)
        }
        return logits
    }

    /// The activations prepared for `matrix`, reusing `prepared` when the formats agree.
    private func sharedActivations(
        _ prepared: QuantizedActivations, _ x: UnsafePointer<Float>, _ rows: Int,
        _ matrix: QuantizedMatrix, _ backend: KernelBackend
    ) throws -> QuantizedActivations {
        if prepared.format == matrix.activationFormat { return prepared }
        return try QuantizedActivations(
            x, rows: rows, columns: matrix.columns, format: matrix.activationFormat, backend: backend)
    }

    private func add(_ delta: UnsafePointer<Float>, into x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] += delta[i] }
    }
}
