import Foundation
import ModelFormats
import Testing
import TestSupport
import Tokenizers

/// Byte-level BPE ids against Hugging Face `tokenizers` (and, for SmolLM2, llama.cpp, whose ids
/// the generator checked equal to these goldens).
@Suite("Byte-level BPE parity with Hugging Face tokenizers and llama.cpp")
struct BytePairParityTests {
    struct LlamaCppComparison: Decodable {
        struct Mismatch: Decodable {
            var text: Int
            var llama_cpp: [Int]
        }
        var second_reference: String
        var llama_cpp_mismatches: [Mismatch]
    }

    static func compare(_ tokenizer: ByteLevelBPETokenizer, _ goldens: TokenizerFixtures.BPEGoldens, label: String) {
        let texts = TokenizerFixtures.corpus
        var mismatches = 0
        var roundTripFailures = 0
        for index in 0..<goldens.count {
            let ids = tokenizer.encode(texts[index], addSpecialTokens: false)
            if ids != goldens.ids[index] {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(label) #\(index) '\(TokenizerFixtures.show(texts[index]))': \(ids) != \(goldens.ids[index])")
                }
            }
            // With add_prefix_space the decoded text gains the spaces the pre-tokenizer added.
            if !tokenizer.addsPrefixSpace && tokenizer.decode(ids) != texts[index] { roundTripFailures += 1 }
        }
        print("\(label): compared \(goldens.count) strings with \(goldens.reference): \(mismatches) mismatches, \(roundTripFailures) decode round-trip failures")
        #expect(mismatches == 0)
        #expect(roundTripFailures == 0)
    }

    @Test("tiny GPT-2-style, SmolLM-style and Llama-3-style vocabularies give the reference ids", arguments: [
        "bpe-gpt2", "bpe-smollm", "bpe-llama3", "bpe-gpt2-prefix-space",
    ])
    func tinyVocabularies(name: String) throws {
        let tokenizer = try ByteLevelBPETokenizer(tokenizerJSON: TokenizerFixtures.path("\(name)/tokenizer.json"))
        let goldens = try TokenizerFixtures.load(TokenizerFixtures.BPEGoldens.self, "\(name)/goldens.json")
        Self.compare(tokenizer, goldens, label: name)
    }

    @Test(
        "SmolLM2's tokenizer read from its GGUF gives the reference ids on the whole corpus",
        .enabled(if: RepositoryPaths.hasModel(Checkpoints.smolLM2), RepositoryPaths.missingModelReason(Checkpoints.smolLM2)))
    func smolLM2() throws {
        let path = try #require(RepositoryPaths.model(Checkpoints.smolLM2))
        let tokenizer = try ByteLevelBPETokenizer(gguf: GGUFFile(path: path))
        #expect(tokenizer.vocabularySize == 49152)
        #expect(tokenizer.preTokenizer == .smolLM)
        #expect(tokenizer.endOfSequenceID == 2)
        #expect(!tokenizer.addsBeginningOfSequence)
        let goldens = try TokenizerFixtures.load(TokenizerFixtures.BPEGoldens.self, "smollm2-bpe-goldens.json")
        Self.compare(tokenizer, goldens, label: "SmolLM2 (GGUF)")
        // The generator also ran llama.cpp's tokenizer on every string and recorded where it differs.
        let llamaCpp = try TokenizerFixtures.load(LlamaCppComparison.self, "smollm2-bpe-goldens.json")
        print("SmolLM2: \(llamaCpp.second_reference) differs from the goldens on \(llamaCpp.llama_cpp_mismatches.count) of \(goldens.count) strings")
        #expect(llamaCpp.llama_cpp_mismatches.isEmpty)
        #expect(tokenizer.encode("<|im_start|>user\nhi<|im_end|>").first == 1)
        #expect(tokenizer.encode("<|im_start|>", parseSpecialTokens: false).count > 1)
    }
}
