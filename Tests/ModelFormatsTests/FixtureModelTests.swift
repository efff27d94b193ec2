import Foundation
import ModelFormats
import Testing

/// The tiny random-weight models committed for the runtime's CI parity tests.
@Suite("Committed tiny models")
struct FixtureModelTests {
    @Test("the tiny BERT's safetensors hold every tensor its config.json implies, with the right shapes")
    func tinyBert() throws {
        let config = try BertConfig(contentsOf: TestPaths.runtimeFixture("tiny-bert/config.json"))
        let weights = try SafetensorsFile(path: TestPaths.runtimeFixture("tiny-bert/model.safetensors"))
        let d = config.hiddenSize
        let expected: [(String, [Int])] = [
            ("embeddings.word_embeddings.weight", [config.vocabularySize, d]),
            ("embeddings.position_embeddings.weight", [config.maximumPositions, d]),
            ("embeddings.token_type_embeddings.weight", [config.tokenTypeCount, d]),
            ("embeddings.LayerNorm.weight", [d]),
            ("pooler.dense.weight", [d, d]),
        ] + (0..<config.layerCount).flatMap { layer -> [(String, [Int])] in
            let p = "encoder.layer.\(layer)."
            return [
                (p + "attention.self.query.weight", [d, d]), (p + "attention.self.key.bias", [d]),
                (p + "attention.output.dense.weight", [d, d]), (p + "attention.output.LayerNorm.bias", [d]),
                (p + "intermediate.dense.weight", [config.intermediateSize, d]),
                (p + "output.dense.weight", [d, config.intermediateSize]), (p + "output.LayerNorm.weight", [d]),
            ]
        }
        for (name, shape) in expected {
            let info = try #require(weights.tensorInfo(named: name), "\(name) missing")
            #expect(info.shape == shape, "\(name)")
            #expect(info.dtype == .f32)
        }
        #expect(weights.tensors.count == 5 + 16 * config.layerCount + 2)
        #expect(try weights.floats(named: "embeddings.LayerNorm.weight").allSatisfy { $0 > 0.5 && $0 < 1.5 })
    }

    @Test("the tiny Llama GGUF holds Q8_0, Q4_0, Q4_1, F16 and F32 tensors laid out as its config says")
    func tinyLlama() throws {
        let gguf = try GGUFFile(path: TestPaths.runtimeFixture("tiny-llama/model.gguf"))
        let config = try LlamaConfig(gguf: gguf)
        #expect(config.blockCount == 4)
        #expect(config.headCountKV < config.headCount)
        #expect(Set(gguf.tensors.map(\.type)) == [.q8_0, .q4_0, .q4_1, .f16, .f32])
        let embedding = try #require(gguf.tensorInfo(named: "token_embd.weight"))
        #expect(embedding.dimensions == [config.embeddingLength, config.vocabularySize])
        let key = try #require(gguf.tensorInfo(named: "blk.0.attn_k.weight"))
        #expect(key.dimensions == [config.embeddingLength, config.headCountKV * config.headSize])
        let down = try #require(gguf.tensorInfo(named: "blk.3.ffn_down.weight"))
        #expect(down.dimensions == [config.feedForwardLength, config.embeddingLength])
        #expect(down.type == .f16)
        #expect(gguf.tensorInfo(named: "output.weight") == nil, "the output projection is tied to the embedding")
        for tensor in gguf.tensors {
            #expect(tensor.fileRange.lowerBound % gguf.alignment == 0)
        }
    }
}
