import Foundation
import ModelFormats
import Testing
import TestSupport
import Tokenizers
@testable import InferenceRuntime

@Suite("BERT encoder parity with Hugging Face transformers")
struct BertParityTests {
    /// Largest absolute difference allowed on hidden states, pooled outputs and embeddings.
    static let tolerance: Float = 1e-4

    /// The sequences of a padded batch, with the padding (mask 0) removed.
    static func unpadded(_ batch: BertGoldens.Batch) -> [[Int]] {
        zip(batch.ids, batch.attention_mask).map { ids, mask in zip(ids, mask).filter { $0.1 == 1 }.map(\.0) }
    }

    @Test("tiny BERT fixture: every layer, pooled output and embedding match, on both backends",
          arguments: supportedBackends)
    func tinyBertMatchesGoldens(backend: KernelBackend) throws {
        let goldens = try ModelFixtures.load(BertGoldens.self, "tiny-bert/goldens.json")
        let encoder = try BertEncoder(directory: ModelFixtures.path("tiny-bert"))
        let tokenizer = try WordPieceTokenizer(tokenizerJSON: ModelFixtures.path("tiny-bert/tokenizer.json"))
        let pool = ComputeThreadPool(threadCount: 2)
        var worst: Float = 0
        for golden in goldens.cases {
            #expect(tokenizer.encode(golden.text, pair: golden.pair).ids == golden.ids, "token ids of \(golden.text)")
            let output = try encoder.encode([golden.ids], tokenTypes: [golden.type_ids], pool: pool,
                                            keepsLayerStates: true, backend: backend)
            let layers = try #require(output.layerStates)
            let expectedLayers = try #require(golden.hidden_states)
            #expect(layers.count == expectedLayers.count)
            for (layer, expected) in zip(layers, expectedLayers) {
                worst = max(worst, maximumDifference(output.tokenStates(of: 0, in: layer).scalars, expected.flatMap { $0 }))
            }
            worst = max(worst, maximumDifference(try #require(output.pooled).scalars, try #require(golden.pooled)))
            worst = max(worst, maximumDifference(output.meanPooled().scalars, golden.embedding))
        }
        print("tiny BERT (\(backend)): max abs difference \(worst) vs \(goldens.reference)")
        #expect(worst < Self.tolerance)
    }

    @Test("tiny BERT fixture: a padded batch gives each sequence's states and embedding")
    func tinyBertBatchMatchesGoldens() throws {
        let goldens = try ModelFixtures.load(BertGoldens.self, "tiny-bert/goldens.json")
        let encoder = try BertEncoder(directory: ModelFixtures.path("tiny-bert"))
        let output = try encoder.encode(Self.unpadded(goldens.batch), pool: ComputeThreadPool(threadCount: 2))
        let states = try #require(goldens.batch.last_hidden_state)
        var worst: Float = 0
        for index in output.lengths.indices {
            let expected = states[index].prefix(output.lengths[index]).flatMap { $0 }
            worst = max(worst, maximumDifference(output.tokenStates(of: index).scalars, expected))
        }
        worst = max(worst, maximumDifference(output.meanPooled().scalars, goldens.batch.embeddings.flatMap { $0 }))
        print("tiny BERT batch: max abs difference \(worst)")
        #expect(worst < Self.tolerance)
    }

    @Test("a checkpoint whose tensor names carry the bert. prefix gives the same outputs")
    func acceptsBertPrefix() throws {
        let config = try BertConfig(contentsOf: ModelFixtures.path("tiny-bert/config.json"))
        let weights = try SafetensorsFile(path: ModelFixtures.path("tiny-bert/model.safetensors"))
        let prefixed = try ModelFixtures.rewritten(weights) { "bert." + $0 }
        #expect(prefixed.tensorNames.allSatisfy { $0.hasPrefix("bert.") })
        let plain = try BertEncoder(config: config, weights: weights).encode([[2, 65, 459, 3]])
        let other = try BertEncoder(config: config, weights: prefixed).encode([[2, 65, 459, 3]])
        #expect(plain == other)
    }

    @Test(
        "all-MiniLM-L6-v2: hidden states, pooled outputs and embeddings match",
        .enabled(if: RepositoryPaths.hasModel(Checkpoints.miniLM), RepositoryPaths.missingModelReason(Checkpoints.miniLM)))
    func miniLMMatchesGoldens() throws {
        let weights = try #require(RepositoryPaths.model(Checkpoints.miniLM))
        let directory = (weights as NSString).deletingLastPathComponent
        let goldens = try ModelFixtures.load(BertGoldens.self, "minilm-goldens.json")
        let encoder = try BertEncoder(directory: directory)
        let pool = ComputeThreadPool(threadCount: 2)
        var worstStates: Float = 0, worstEmbedding: Float = 0
        for golden in goldens.cases {
            let output = try encoder.encode([golden.ids], tokenTypes: [golden.type_ids], pool: pool,
                                            keepsLayerStates: golden.hidden_state_samples != nil)
            worstEmbedding = max(worstEmbedding, maximumDifference(output.meanPooled().scalars, golden.embedding))
            if let samples = golden.hidden_state_samples, let layers = output.layerStates {
                for (layerIndex, layer) in samples.layers.enumerated() {
                    let states = output.tokenStates(of: 0, in: layers[layer])
                    for (positionIndex, position) in samples.positions.enumerated() {
                        let row = Array(states.scalars[(position * 384)..<((position + 1) * 384)])
                        worstStates = max(worstStates, maximumDifference(row, samples.values[layerIndex][positionIndex]))
                    }
                }
            }
            if let pooled = golden.pooled {
                worstStates = max(worstStates, maximumDifference(try #require(output.pooled).scalars, pooled))
            }
        }
        let batch = try encoder.encode(Self.unpadded(goldens.batch), pool: pool)
        worstEmbedding = max(worstEmbedding, maximumDifference(batch.meanPooled().scalars, goldens.batch.embeddings.flatMap { $0 }))
        print("MiniLM: max abs difference hidden states/pooled \(worstStates), embeddings \(worstEmbedding) vs \(goldens.reference)")
        #expect(worstStates < 1e-3)
        #expect(worstEmbedding < Self.tolerance)
    }

    @Test(
        "all-MiniLM-L6-v2 quantized to int8 (Q8_0) keeps embeddings close to fp32",
        .enabled(if: RepositoryPaths.hasModel(Checkpoints.miniLM), RepositoryPaths.missingModelReason(Checkpoints.miniLM)))
    func miniLMInt8StaysClose() throws {
        let weights = try #require(RepositoryPaths.model(Checkpoints.miniLM))
        let directory = (weights as NSString).deletingLastPathComponent
        let goldens = try ModelFixtures.load(BertGoldens.self, "minilm-goldens.json")
        let encoder = try BertEncoder(directory: directory, linearQuantization: .q8_0)
        var lowest: Float = 1
        for golden in goldens.cases {
            let embedding = try encoder.encode([golden.ids]).meanPooled().scalars
            let cosine = zip(embedding, golden.embedding).reduce(0) { $0 + $1.0 * $1.1 }
            lowest = min(lowest, cosine)
        }
        print("MiniLM int8: lowest cosine similarity to the fp32 reference \(lowest)")
        #expect(lowest > 0.99)
    }
}
