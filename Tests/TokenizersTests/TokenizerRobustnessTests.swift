import Foundation
import Testing
import Tokenizers

/// Arbitrary text and ids must never crash a tokenizer.
@Suite("Tokenizer robustness")
struct TokenizerRobustnessTests {
    /// Random scalars from the whole Unicode range (no surrogates), reproducible.
    static func randomTexts(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<count).map { _ in
            var view = String.UnicodeScalarView()
            for _ in 0..<Int(next() % 40) {
                let pick = next() % 4
                let value: UInt32 = switch pick {
                case 0: UInt32(next() % 0x80)
                case 1: UInt32(next() % 0x3000)
                case 2: 0x4E00 + UInt32(next() % 0x5200)
                default: UInt32(next() % 0x110000)
                }
                if let scalar = Unicode.Scalar(value) { view.append(scalar) }
            }
            return String(view)
        }
    }

    @Test("random Unicode text encodes with both tokenizers and byte-level BPE decodes it back exactly")
    func randomText() throws {
        let wordPiece = try WordPieceTokenizer(tokenizerJSON: TokenizerFixtures.path("tiny-wordpiece/tokenizer.json"))
        let bpe = try ByteLevelBPETokenizer(tokenizerJSON: TokenizerFixtures.path("bpe-llama3/tokenizer.json"))
        let texts = Self.randomTexts(count: 1500, seed: 7)
        for text in texts {
            let encoding = wordPiece.encode(text)
            #expect(encoding.ids.count == encoding.offsets.count)
            #expect(encoding.offsets.allSatisfy { $0.upperBound <= text.unicodeScalars.count })
            #expect(bpe.decode(bpe.encode(text, parseSpecialTokens: false)).unicodeScalars.elementsEqual(text.unicodeScalars))
        }
        print("robustness: encoded \(texts.count) random strings with WordPiece and BPE")
    }

    @Test("ids outside the vocabulary decode to nothing instead of crashing")
    func outOfRangeIDs() throws {
        let bpe = try ByteLevelBPETokenizer(tokenizerJSON: TokenizerFixtures.path("bpe-gpt2/tokenizer.json"))
        let ok = bpe.encode("ok")
        #expect(bpe.decode([-5] + ok + [Int.max, bpe.vocabularySize]) == "ok")
        var decoder = bpe.makeStreamingDecoder()
        #expect(decoder.append(-1) == "")
        let wordPiece = try WordPieceTokenizer(tokenizerJSON: TokenizerFixtures.path("tiny-wordpiece/tokenizer.json"))
        #expect(wordPiece.decode([-1, 1_000_000]) == "")
    }
}
