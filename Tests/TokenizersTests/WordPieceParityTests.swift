import Foundation
import Testing
import TestSupport
import Tokenizers

/// WordPiece ids and offsets against Hugging Face `tokenizers` on the committed corpus.
@Suite("WordPiece parity with Hugging Face tokenizers")
struct WordPieceParityTests {
    /// Compares every corpus string; returns the number compared.
    @discardableResult
    static func compare(_ tokenizer: WordPieceTokenizer, _ goldens: TokenizerFixtures.WordPieceGoldens, label: String) -> Int {
        let texts = TokenizerFixtures.corpus
        #expect(texts.count >= goldens.count)
        var idMismatches = 0
        var offsetMismatches = 0
        for index in 0..<goldens.count {
            let encoding = tokenizer.encode(texts[index])
            if encoding.ids != goldens.ids[index] {
                idMismatches += 1
                if idMismatches <= 5 {
                    Issue.record("\(label) #\(index) '\(TokenizerFixtures.show(texts[index]))': ids \(encoding.ids) != \(goldens.ids[index])")
                }
            } else if encoding.offsets != TokenizerFixtures.ranges(goldens.offsets[index]) {
                offsetMismatches += 1
                if offsetMismatches <= 5 {
                    Issue.record("\(label) #\(index) '\(TokenizerFixtures.show(texts[index]))': offsets \(encoding.offsets) != \(TokenizerFixtures.ranges(goldens.offsets[index]))")
                }
            }
        }
        for case_ in goldens.truncated {
            let encoding = tokenizer.encode(texts[case_.text], pair: case_.pair.map { texts[$0] }, maximumLength: case_.max_length)
            #expect(encoding.ids == case_.ids, "\(label) truncated #\(case_.text) to \(case_.max_length)")
            #expect(encoding.typeIDs == case_.type_ids, "\(label) type ids #\(case_.text)")
            #expect(encoding.offsets == TokenizerFixtures.ranges(case_.offsets), "\(label) offsets #\(case_.text)")
        }
        print("\(label): compared \(goldens.count) strings and \(goldens.truncated.count) truncated encodings with \(goldens.reference): \(idMismatches) id mismatches, \(offsetMismatches) offset mismatches")
        #expect(idMismatches == 0)
        #expect(offsetMismatches == 0)
        return goldens.count
    }

    @Test("the tiny WordPiece vocabulary from tokenizer.json gives the reference ids and offsets")
    func tinyFromTokenizerJSON() throws {
        let tokenizer = try WordPieceTokenizer(tokenizerJSON: TokenizerFixtures.path("tiny-wordpiece/tokenizer.json"))
        let goldens = try TokenizerFixtures.load(TokenizerFixtures.WordPieceGoldens.self, "tiny-wordpiece/goldens.json")
        Self.compare(tokenizer, goldens, label: "tiny WordPiece (tokenizer.json)")
    }

    @Test("the tiny WordPiece vocabulary from vocab.txt gives the same ids and offsets")
    func tinyFromVocabularyFile() throws {
        let tokenizer = try WordPieceTokenizer(vocabularyFile: TokenizerFixtures.path("tiny-wordpiece/vocab.txt"))
        let goldens = try TokenizerFixtures.load(TokenizerFixtures.WordPieceGoldens.self, "tiny-wordpiece/goldens.json")
        Self.compare(tokenizer, goldens, label: "tiny WordPiece (vocab.txt)")
    }

    @Test(
        "all-MiniLM-L6-v2's tokenizer gives the reference ids and offsets on the whole corpus",
        .enabled(
            if: RepositoryPaths.hasModel(Checkpoints.miniLMTokenizer), RepositoryPaths.missingModelReason(Checkpoints.miniLMTokenizer)))
    func miniLM() throws {
        let path = try #require(RepositoryPaths.model(Checkpoints.miniLMTokenizer))
        let tokenizer = try WordPieceTokenizer(tokenizerJSON: path)
        #expect(tokenizer.configuredMaximumLength == 128)
        let goldens = try TokenizerFixtures.load(TokenizerFixtures.WordPieceGoldens.self, "minilm-wordpiece-goldens.json")
        Self.compare(tokenizer, goldens, label: "all-MiniLM-L6-v2")
        if let vocabulary = RepositoryPaths.model("all-minilm-l6-v2/vocab.txt") {
            Self.compare(try WordPieceTokenizer(vocabularyFile: vocabulary), goldens, label: "all-MiniLM-L6-v2 (vocab.txt)")
        }
    }
}
