/// The shape of a Llama-family decoder, read from GGUF metadata (`llama.*` keys).
public struct LlamaConfig: Sendable, Equatable {
    /// The architecture prefix of the keys (`general.architecture`, usually `llama`).
    public var architecture: String
    /// Context length the model was trained for (`context_length`).
    public var contextLength: Int
    /// Width of the hidden states (`embedding_length`).
    public var embeddingLength: Int
    /// Transformer blocks (`block_count`).
    public var blockCount: Int
    /// Width of the feed-forward layer (`feed_forward_length`).
    public var feedForwardLength: Int
    /// Query heads (`attention.head_count`).
    public var headCount: Int
    /// Key/value heads (`attention.head_count_kv`; equals `headCount` when absent).
    public var headCountKV: Int
    /// RoPE base frequency (`rope.freq_base`, default 10000).
    public var ropeFrequencyBase: Float
    /// RMSNorm epsilon (`attention.layer_norm_rms_epsilon`).
    public var rmsNormEpsilon: Float
    /// Vocabulary size (`vocab_size`, else the length of `tokenizer.ggml.tokens`).
    public var vocabularySize: Int
    /// Dimensions of each head that RoPE rotates (`rope.dimension_count`, default the head size).
    public var ropeDimensionCount: Int

    /// Width of one attention head.
    public var headSize: Int { embeddingLength / headCount }

    /// Makes a configuration by hand (tests, tiny models).
    public init(
        architecture: String = "llama", contextLength: Int, embeddingLength: Int, blockCount: Int,
        feedForwardLength: Int, headCount: Int, headCountKV: Int, ropeFrequencyBase: Float, rmsNormEpsilon: Float,
        vocabularySize: Int, ropeDimensionCount: Int
    ) {
        self.architecture = architecture
        self.contextLength = contextLength
        self.embeddingLength = embeddingLength
        self.blockCount = blockCount
        self.feedForwardLength = feedForwardLength
        self.headCount = headCount
        self.headCountKV = headCountKV
        self.ropeFrequencyBase = ropeFrequencyBase
        self.rmsNormEpsilon = rmsNormEpsilon
        self.vocabularySize = vocabularySize
        self.ropeDimensionCount = ropeDimensionCount
    }

    /// Reads the configuration from the metadata of `gguf`.
    /// - Throws: ``ModelFormatError`` naming a missing or wrong key, or an invalid value.
    public init(gguf: GGUFFile) throws {
        let architecture = try gguf.string("general.architecture")
        guard architecture == "llama" else {
            throw ModelFormatError(
                .invalidValue, file: gguf.file.path, subject: "general.architecture",
                message: "architecture '\(architecture)' is not a Llama-family model")
        }
        let prefix = architecture + "."
        self.architecture = architecture
        contextLength = try gguf.int(prefix + "context_length")
        embeddingLength = try gguf.int(prefix + "embedding_length")
        blockCount = try gguf.int(prefix + "block_count")
        feedForwardLength = try gguf.int(prefix + "feed_forward_length")
        headCount = try gguf.int(prefix + "attention.head_count")
        headCountKV = gguf.value(prefix + "attention.head_count_kv") == nil
            ? headCount : try gguf.int(prefix + "attention.head_count_kv")
        ropeFrequencyBase = gguf.value(prefix + "rope.freq_base") == nil
            ? 10000 : Float(try gguf.double(prefix + "rope.freq_base"))
        rmsNormEpsilon = Float(try gguf.double(prefix + "attention.layer_norm_rms_epsilon"))
        if gguf.value(prefix + "vocab_size") != nil {
            vocabularySize = try gguf.int(prefix + "vocab_size")
        } else if case .array(_, let tokens)? = gguf.value("tokenizer.ggml.tokens") {
            vocabularySize = tokens.count
        } else {
            throw ModelFormatError(
                .missingKey, file: gguf.file.path, subject: prefix + "vocab_size",
                message: "neither \(prefix)vocab_size nor tokenizer.ggml.tokens is present")
        }
        let sizes = [(prefix + "embedding_length", embeddingLength), (prefix + "attention.head_count", headCount)]
        for (key, value) in sizes where value <= 0 {
            throw ModelFormatError(.invalidValue, file: gguf.file.path, subject: key, message: "must be positive, found \(value)")
        }
        ropeDimensionCount = gguf.value(prefix + "rope.dimension_count") == nil
            ? embeddingLength / headCount : try gguf.int(prefix + "rope.dimension_count")
        try validate(file: gguf.file.path)
    }

    /// Checks sizes, head divisibility and the epsilon.
    /// - Throws: ``ModelFormatError`` with code `invalidValue` naming the key.
    public func validate(file: String = "model.gguf") throws {
        let prefix = architecture + "."
        let sizes: [(String, Int)] = [
            ("context_length", contextLength), ("embedding_length", embeddingLength), ("block_count", blockCount),
            ("feed_forward_length", feedForwardLength), ("attention.head_count", headCount),
            ("attention.head_count_kv", headCountKV), ("vocab_size", vocabularySize),
            ("rope.dimension_count", ropeDimensionCount),
        ]
        for (key, value) in sizes where value <= 0 || value > 1 << 24 {
            throw ModelFormatError(
                .invalidValue, file: file, subject: prefix + key, message: "must be between 1 and 2^24, found \(value)")
        }
        guard embeddingLength % headCount == 0 else {
            throw ModelFormatError(
                .invalidValue, file: file, subject: prefix + "attention.head_count",
                message: "\(headCount) heads do not divide embedding_length \(embeddingLength)")
        }
        guard headCount % headCountKV == 0 else {
            throw ModelFormatError(
                .invalidValue, file: file, subject: prefix + "attention.head_count_kv",
                message: "\(headCountKV) key/value heads do not divide \(headCount) query heads")
        }
        guard ropeDimensionCount <= headSize, ropeDimensionCount % 2 == 0 else {
            throw ModelFormatError(
                .invalidValue, file: file, subject: prefix + "rope.dimension_count",
                message: "must be even and at most the head size \(headSize), found \(ropeDimensionCount)")
        }
        guard rmsNormEpsilon > 0, rmsNormEpsilon.isFinite else {
            throw ModelFormatError(
                .invalidValue, file: file, subject: prefix + "attention.layer_norm_rms_epsilon", message: "must be a positive number")
        }
        guard ropeFrequencyBase > 0, ropeFrequencyBase.isFinite else {
            throw ModelFormatError(.invalidValue, file: file, subject: prefix + "rope.freq_base", message: "must be a positive number")
        }
    }
}
