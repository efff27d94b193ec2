import Foundation
import ModelFormats
import Testing
import TestSupport

@Suite("Model configurations")
struct ModelConfigTests {
    static let miniLMConfig = """
        {"architectures":["BertModel"],"hidden_act":"gelu","hidden_size":384,"intermediate_size":1536,
         "layer_norm_eps":1e-12,"max_position_embeddings":512,"model_type":"bert","num_attention_heads":12,
         "num_hidden_layers":6,"pad_token_id":0,"type_vocab_size":2,"vocab_size":30522}
        """

    @Test("reads a BERT config.json with every field")
    func readsBertConfig() throws {
        let config = try BertConfig(json: Data(Self.miniLMConfig.utf8))
        #expect(config.vocabularySize == 30522)
        #expect(config.hiddenSize == 384)
        #expect(config.layerCount == 6)
        #expect(config.attentionHeadCount == 12)
        #expect(config.headSize == 32)
        #expect(config.intermediateSize == 1536)
        #expect(config.maximumPositions == 512)
        #expect(config.tokenTypeCount == 2)
        #expect(config.layerNormEpsilon == 1e-12)
        #expect(config.activation == .gelu)
    }

    @Test("names a missing or mistyped key in a BERT config")
    func bertConfigErrors() throws {
        let missing = #expect(throws: ModelFormatError.self) {
            try BertConfig(json: Data(#"{"hidden_size":384}"#.utf8), file: "config.json")
        }
        #expect(missing?.code == .missingKey)
        #expect(missing?.subject == "vocab_size")
        let mistyped = Self.miniLMConfig.replacingOccurrences(of: "\"hidden_size\":384", with: "\"hidden_size\":\"384\"")
        let wrong = #expect(throws: ModelFormatError.self) { try BertConfig(json: Data(mistyped.utf8)) }
        #expect(wrong?.code == .wrongKeyType)
        #expect(wrong?.subject == "hidden_size")
        let heads = Self.miniLMConfig.replacingOccurrences(of: "\"num_attention_heads\":12", with: "\"num_attention_heads\":7")
        let invalid = #expect(throws: ModelFormatError.self) { try BertConfig(json: Data(heads.utf8)) }
        #expect(invalid?.code == .invalidValue)
        let activation = Self.miniLMConfig.replacingOccurrences(of: "\"gelu\"", with: "\"mish\"")
        #expect(throws: ModelFormatError.self) { try BertConfig(json: Data(activation.utf8)) }
        #expect(throws: ModelFormatError.self) { try BertConfig(json: Data("[1]".utf8)) }
    }

    static func llamaMetadata() -> [(String, GGUFValue)] {
        [
            ("general.architecture", .string("llama")),
            ("llama.context_length", .uint32(8192)),
            ("llama.embedding_length", .uint32(576)),
            ("llama.block_count", .uint32(30)),
            ("llama.feed_forward_length", .uint32(1536)),
            ("llama.attention.head_count", .uint32(9)),
            ("llama.attention.head_count_kv", .uint32(3)),
            ("llama.rope.freq_base", .float32(100000)),
            ("llama.attention.layer_norm_rms_epsilon", .float32(1e-5)),
            ("llama.vocab_size", .uint32(49152)),
            ("llama.rope.dimension_count", .uint32(64)),
        ]
    }

    @Test("reads a Llama config from GGUF metadata")
    func readsLlamaConfig() throws {
        var builder = GGUFBuilder()
        builder.metadata = Self.llamaMetadata()
        let config = try LlamaConfig(gguf: GGUFFile(file: MappedFile(copying: builder.bytes(), name: "m.gguf")))
        #expect(config == LlamaConfig(
            contextLength: 8192, embeddingLength: 576, blockCount: 30, feedForwardLength: 1536, headCount: 9,
            headCountKV: 3, ropeFrequencyBase: 100000, rmsNormEpsilon: 1e-5, vocabularySize: 49152,
            ropeDimensionCount: 64))
        #expect(config.headSize == 64)
    }

    @Test("uses documented defaults and names a missing or wrong Llama key")
    func llamaConfigErrors() throws {
        var builder = GGUFBuilder()
        builder.metadata = Self.llamaMetadata().filter {
            !["llama.attention.head_count_kv", "llama.rope.freq_base", "llama.rope.dimension_count", "llama.vocab_size"]
                .contains($0.0)
        } + [("tokenizer.ggml.tokens", .array(elementType: .string, values: [.string("a"), .string("b")]))]
        let defaults = try LlamaConfig(gguf: GGUFFile(file: MappedFile(copying: builder.bytes(), name: "m.gguf")))
        #expect(defaults.headCountKV == 9)
        #expect(defaults.ropeFrequencyBase == 10000)
        #expect(defaults.ropeDimensionCount == 64)
        #expect(defaults.vocabularySize == 2)

        builder.metadata = Self.llamaMetadata().filter { $0.0 != "llama.block_count" }
        let missing = #expect(throws: ModelFormatError.self) {
            try LlamaConfig(gguf: GGUFFile(file: MappedFile(copying: builder.bytes(), name: "m.gguf")))
        }
        #expect(missing?.code == .missingKey)
        #expect(missing?.subject == "llama.block_count")

        builder.metadata = Self.llamaMetadata().map { $0.0 == "llama.context_length" ? ($0.0, .string("long")) : $0 }
        let wrong = #expect(throws: ModelFormatError.self) {
            try LlamaConfig(gguf: GGUFFile(file: MappedFile(copying: builder.bytes(), name: "m.gguf")))
        }
        #expect(wrong?.code == .wrongKeyType)

        builder.metadata = Self.llamaMetadata().map { $0.0 == "llama.attention.head_count_kv" ? ($0.0, .uint32(4)) : $0 }
        let invalid = #expect(throws: ModelFormatError.self) {
            try LlamaConfig(gguf: GGUFFile(file: MappedFile(copying: builder.bytes(), name: "m.gguf")))
        }
        #expect(invalid?.code == .invalidValue)
    }

    @Test("reads the configs of the real checkpoints when they have been fetched")
    func realConfigs() throws {
        if let path = RepositoryPaths.model("all-minilm-l6-v2/config.json") {
            let bert = try BertConfig(contentsOf: path)
            #expect(bert.hiddenSize == 384 && bert.layerCount == 6)
        }
        if let path = RepositoryPaths.model(Checkpoints.smolLM2) {
            let llama = try LlamaConfig(gguf: GGUFFile(path: path))
            print("SmolLM2 config: \(llama)")
            #expect(llama.embeddingLength == 576)
            #expect(llama.blockCount == 30)
            #expect(llama.vocabularySize == 49152)
        }
    }
}
