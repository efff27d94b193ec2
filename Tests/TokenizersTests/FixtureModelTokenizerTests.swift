import Foundation
import ModelFormats
import Testing
import Tokenizers

@Suite("Tokenizers of the committed tiny models")
struct FixtureModelTokenizerTests {
    struct LlamaGoldens: Decodable {
        struct Case: Decodable {
            var prompt: String
            var ids: [Int]
            var greedy_ids: [Int]
            var greedy_text: String
        }
        var cases: [Case]
    }

    static let runtimeFixtures = TokenizerFixtures.packageRoot.appendingPathComponent("Tests/InferenceRuntimeTests/Fixtures")

    @Test("the tiny Llama's tokenizer read from its GGUF gives llama.cpp's ids and decodes its greedy text")
    func tinyLlamaTokenizer() throws {
        let gguf = try GGUFFile(path: Self.runtimeFixtures.appendingPathComponent("tiny-llama/model.gguf").path)
        let tokenizer = try ByteLevelBPETokenizer(gguf: gguf)
        let data = try Data(contentsOf: Self.runtimeFixtures.appendingPathComponent("tiny-llama/goldens.json"))
        let goldens = try JSONDecoder().decode(LlamaGoldens.self, from: data)
        for golden in goldens.cases {
            #expect(tokenizer.encode(golden.prompt) == golden.ids, "\(golden.prompt)")
            // llama.cpp's detokenize returns bytes; the reference decoded them with replacement characters.
            #expect(tokenizer.decode(golden.greedy_ids) == golden.greedy_text)
        }
        print("tiny Llama tokenizer: compared \(goldens.cases.count) prompts with llama.cpp")
    }
}
