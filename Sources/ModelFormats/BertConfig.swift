import Foundation

/// The shape of a BERT-family encoder, read from a Hugging Face `config.json`.
public struct BertConfig: Sendable, Equatable {
    /// The activation of the feed-forward layer (`hidden_act`).
    public enum Activation: String, Sendable, Equatable {
        /// Exact GELU with erf (`gelu`).
        case gelu
        /// GELU with the tanh approximation (`gelu_new`, `gelu_pytorch_tanh`).
        case geluTanh = "gelu_new"
        /// ReLU.
        case relu
        /// SiLU / swish.
        case silu
    }

    /// Tokens in the vocabulary (`vocab_size`).
    public var vocabularySize: Int
    /// Width of the hidden states (`hidden_size`).
    public var hiddenSize: Int
    /// Transformer layers (`num_hidden_layers`).
    public var layerCount: Int
    /// Attention heads per layer (`num_attention_heads`).
    public var attentionHeadCount: Int
    /// Width of the feed-forward layer (`intermediate_size`).
    public var intermediateSize: Int
    /// Longest sequence the position embeddings cover (`max_position_embeddings`).
    public var maximumPositions: Int
    /// Token type (segment) vocabulary size (`type_vocab_size`).
    public var tokenTypeCount: Int
    /// LayerNorm epsilon (`layer_norm_eps`).
    public var layerNormEpsilon: Float
    /// Feed-forward activation (`hidden_act`).
    public var activation: Activation
    /// The padding token id (`pad_token_id`, default 0).
    public var paddingTokenID: Int

    /// Width of one attention head.
    public var headSize: Int { hiddenSize / attentionHeadCount }

    /// Makes a configuration; see ``validated()`` for the checks a file gets.
    public init(
        vocabularySize: Int, hiddenSize: Int, layerCount: Int, attentionHeadCount: Int, intermediateSize: Int,
        maximumPositions: Int, tokenTypeCount: Int, layerNormEpsilon: Float, activation: Activation,
        paddingTokenID: Int = 0
    ) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.attentionHeadCount = attentionHeadCount
        self.intermediateSize = intermediateSize
        self.maximumPositions = maximumPositions
        self.tokenTypeCount = tokenTypeCount
        self.layerNormEpsilon = layerNormEpsilon
        self.activation = activation
        self.paddingTokenID = paddingTokenID
    }

    /// Reads `config.json` at `path`.
    /// - Throws: ``ModelFormatError`` naming a missing or wrong key.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelFormatError(.fileUnreadable, file: path, message: "cannot read the configuration file")
        }
        try self.init(json: data, file: path)
    }

    /// Parses the JSON of a `config.json`; `file` names it in errors.
    /// - Throws: ``ModelFormatError`` naming a missing or wrong key.
    public init(json: Data, file: String = "config.json") throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw ModelFormatError(.malformedHeader, file: file, message: "not valid JSON (\(error.localizedDescription))")
        }
        guard let fields = object as? [String: Any] else {
            throw ModelFormatError(.malformedHeader, file: file, message: "the configuration is not a JSON object")
        }
        func integer(_ key: String, default fallback: Int? = nil) throws -> Int {
            guard let value = fields[key], !(value is NSNull) else {
                if let fallback { return fallback }
                throw ModelFormatError(.missingKey, file: file, subject: key, message: "required key is missing")
            }
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
                number.doubleValue.rounded() == number.doubleValue, abs(number.doubleValue) < 1e15
            else {
                throw ModelFormatError(.wrongKeyType, file: file, subject: key, message: "expected an integer, found \(value)")
            }
            return number.intValue
        }
        let epsilonValue = fields["layer_norm_eps"] ?? NSNumber(value: 1e-12)
        guard let epsilonNumber = epsilonValue as? NSNumber, String(cString: epsilonNumber.objCType) != "c" else {
            throw ModelFormatError(
                .wrongKeyType, file: file, subject: "layer_norm_eps", message: "expected a number, found \(epsilonValue)")
        }
        let epsilon = epsilonNumber.doubleValue
        let activationName = fields["hidden_act"] ?? "gelu"
        guard let activationString = activationName as? String else {
            throw ModelFormatError(.wrongKeyType, file: file, subject: "hidden_act", message: "expected a string, found \(activationName)")
        }
        let activation: Activation
        switch activationString {
        case "gelu": activation = .gelu
        case "gelu_new", "gelu_pytorch_tanh", "gelu_fast": activation = .geluTanh
        case "relu": activation = .relu
        case "silu", "swish": activation = .silu
        default:
            throw ModelFormatError(
                .invalidValue, file: file, subject: "hidden_act", message: "activation '\(activationString)' is not supported")
        }
        self.init(
            vocabularySize: try integer("vocab_size"), hiddenSize: try integer("hidden_size"),
            layerCount: try integer("num_hidden_layers"), attentionHeadCount: try integer("num_attention_heads"),
            intermediateSize: try integer("intermediate_size"),
            maximumPositions: try integer("max_position_embeddings", default: 512),
            tokenTypeCount: try integer("type_vocab_size", default: 2), layerNormEpsilon: Float(epsilon),
            activation: activation, paddingTokenID: try integer("pad_token_id", default: 0))
        try validate(file: file)
    }

    /// Checks that every size is positive and the heads divide the hidden size.
    /// - Throws: ``ModelFormatError`` with code `invalidValue` naming the key.
    public func validate(file: String = "config.json") throws {
        let sizes: [(String, Int)] = [
            ("vocab_size", vocabularySize), ("hidden_size", hiddenSize), ("num_hidden_layers", layerCount),
            ("num_attention_heads", attentionHeadCount), ("intermediate_size", intermediateSize),
            ("max_position_embeddings", maximumPositions), ("type_vocab_size", tokenTypeCount),
        ]
        for (key, value) in sizes where value <= 0 || value > 1 << 24 {
            throw ModelFormatError(.invalidValue, file: file, subject: key, message: "must be between 1 and 2^24, found \(value)")
        }
        guard hiddenSize % attentionHeadCount == 0 else {
            throw ModelFormatError(
                .invalidValue, file: file, subject: "num_attention_heads",
                message: "\(attentionHeadCount) heads do not divide hidden_size \(hiddenSize)")
        }
        guard layerNormEpsilon > 0, layerNormEpsilon.isFinite else {
            throw ModelFormatError(.invalidValue, file: file, subject: "layer_norm_eps", message: "must be a positive number")
        }
        guard paddingTokenID >= 0, paddingTokenID < vocabularySize else {
            throw ModelFormatError(.invalidValue, file: file, subject: "pad_token_id", message: "must be a token id below vocab_size")
        }
    }
}
