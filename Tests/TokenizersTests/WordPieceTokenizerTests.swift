import Foundation
import Testing
import Tokenizers

@Suite("WordPiece tokenizer")
struct WordPieceTokenizerTests {
    static func tiny() throws -> WordPieceTokenizer {
        try WordPieceTokenizer(tokenizerJSON: TokenizerFixtures.path("tiny-wordpiece/tokenizer.json"))
    }

    @Test("the BERT normalizer cleans control characters, lowercases, strips accents and spaces CJK")
    func normalizer() {
        let normalizer = BertNormalizer()
        #expect(normalizer.normalize("Héllo\tWORLD\u{200B}!") == "hello world!")
        #expect(normalizer.normalize("退货") == " 退  货 ")
        #expect(normalizer.normalize("İstanbul") == "istanbul")
        #expect(normalizer.normalize("e\u{301}cole") == "ecole")
        #expect(normalizer.normalize("a\u{0}b\u{FFFD}c") == "abc")
        let cased = BertNormalizer(lowercase: false)
        #expect(cased.normalize("Héllo") == "Héllo")
    }

    @Test("offsets point at the original characters through accents, CJK and emoji")
    func offsetsInOriginalText() throws {
        let tokenizer = try Self.tiny()
        let text = "Café 退货 😀 ok"
        let encoding = tokenizer.encode(text)
        let scalars = Array(text.unicodeScalars)
        for (token, range) in zip(encoding.tokens, encoding.offsets) where !range.isEmpty {
            let covered = String(String.UnicodeScalarView(scalars[range]))
            #expect(!covered.isEmpty, "token \(token)")
        }
        #expect(encoding.tokens.first == "[CLS]")
        #expect(encoding.tokens.last == "[SEP]")
        #expect(encoding.offsets.first == 0..<0)
        let cjk = try #require(encoding.tokens.firstIndex(of: "退"))
        #expect(encoding.offsets[cjk] == 5..<6)
        #expect(encoding.attentionMask == Array(repeating: 1, count: encoding.count))
        #expect(encoding.specialTokensMask.first == 1 && encoding.specialTokensMask[1] == 0)
    }

    @Test("a word longer than the limit becomes one unknown token covering the word")
    func longWordIsUnknown() throws {
        let tokenizer = try Self.tiny()
        let word = String(repeating: "a", count: tokenizer.maximumInputCharactersPerWord + 1)
        let encoding = tokenizer.encode("x \(word) y", addSpecialTokens: false)
        #expect(encoding.ids.contains(tokenizer.unknownID))
        let index = try #require(encoding.ids.firstIndex(of: tokenizer.unknownID))
        #expect(encoding.offsets[index] == 2..<(2 + word.count))
    }

    @Test("pairs get segment ids and truncation keeps the special tokens within the limit")
    func pairsAndTruncation() throws {
        let tokenizer = try Self.tiny()
        let encoding = tokenizer.encode("where is my order", pair: "it was shipped yesterday", maximumLength: 9)
        #expect(encoding.count == 9)
        #expect(encoding.ids.filter { $0 == tokenizer.separatorID }.count == 2)
        #expect(encoding.typeIDs.first == 0 && encoding.typeIDs.last == 1)
        let padded = encoding.padded(to: 12, paddingID: tokenizer.paddingID)
        #expect(padded.count == 12)
        #expect(padded.attentionMask.suffix(3) == [0, 0, 0])
    }

    @Test("special tokens written in the text are matched before normalization")
    func addedTokensInText() throws {
        let tokenizer = try Self.tiny()
        let ids = tokenizer.encode("[MASK] it", addSpecialTokens: false).ids
        #expect(ids.first == tokenizer.id(for: "[MASK]"))
        #expect(tokenizer.encode("[mask]", addSpecialTokens: false).ids.first != tokenizer.id(for: "[MASK]"))
    }

    @Test("decoding joins continuation pieces and skips special tokens")
    func decoding() throws {
        let tokenizer = try Self.tiny()
        let text = "i want a refund, please."
        #expect(tokenizer.decode(tokenizer.encode(text).ids) == text)
    }

    @Test("an unsupported or broken tokenizer.json is rejected with a clear error")
    func rejectsBadFiles() {
        let notJSON = #expect(throws: TokenizerError.self) { try WordPieceTokenizer(tokenizerJSONData: Data("{".utf8)) }
        #expect(notJSON?.code == .malformedFile)
        let bpe = #expect(throws: TokenizerError.self) {
            try WordPieceTokenizer(tokenizerJSONData: Data(#"{"model":{"type":"BPE","vocab":{},"merges":[]}}"#.utf8))
        }
        #expect(bpe?.code == .unsupported)
        let noUnknown = #expect(throws: TokenizerError.self) {
            try WordPieceTokenizer(tokenizerJSONData: Data(#"{"model":{"type":"WordPiece","vocab":{"a":0}}}"#.utf8))
        }
        #expect(noUnknown?.code == .inconsistentVocabulary)
        #expect(noUnknown?.description.contains("[UNK]") == true)
        let missing = #expect(throws: TokenizerError.self) { try WordPieceTokenizer(vocabularyFile: "no/such/vocab.txt") }
        #expect(missing?.code == .fileUnreadable)
    }
}

@Suite("tokenizer.json vocabulary")
struct TokenizerJSONVocabularyTests {
    @Test("canonically equivalent tokens keep their own ids")
    func canonicallyEquivalentTokens() throws {
        let json = #"""
            {"added_tokens":[],"normalizer":{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,
             "strip_accents":false,"lowercase":false},"pre_tokenizer":{"type":"BertPreTokenizer"},
             "model":{"type":"WordPiece","unk_token":"[UNK]","vocab":{"[UNK]":0,"[CLS]":1,"[SEP]":2,"\u00e9":3,"e\u0301":4,
             "\"q\\":5,"\ud83d\ude00":6}}}
            """#
        let tokenizer = try WordPieceTokenizer(tokenizerJSONData: Data(json.utf8))
        #expect(tokenizer.id(for: "\u{e9}") == 3)
        #expect(tokenizer.id(for: "e\u{301}") == 4)
        #expect(tokenizer.id(for: "\"q\\") == 5)
        #expect(tokenizer.id(for: "😀") == 6)
        #expect(tokenizer.encode("\u{e9} e\u{301}", addSpecialTokens: false).ids == [3, 4])
    }
}
