import Foundation
import ModelFormats
import Testing
import Tokenizers

@Suite("Byte-level BPE tokenizer")
struct ByteLevelBPETokenizerTests {
    static func tiny(_ name: String = "bpe-smollm") throws -> ByteLevelBPETokenizer {
        try ByteLevelBPETokenizer(tokenizerJSON: TokenizerFixtures.path("\(name)/tokenizer.json"))
    }

    @Test("chat control tokens are matched before BPE unless special parsing is off")
    func specialTokens() throws {
        let tokenizer = try Self.tiny()
        let start = try #require(tokenizer.id(for: "<|im_start|>"))
        let ids = tokenizer.encode("<|im_start|>user\nhi<|im_end|>")
        #expect(ids.first == start)
        #expect(ids.last == tokenizer.id(for: "<|im_end|>"))
        #expect(!tokenizer.encode("<|im_start|>", parseSpecialTokens: false).contains(start))
        #expect(tokenizer.decode(ids, skipSpecialTokens: true) == "user\nhi")
    }

    @Test("the streaming decoder holds a split UTF-8 character until it is complete")
    func streamingDecoder() throws {
        let tokenizer = try Self.tiny()
        let text = "退货 😀 ok"
        let ids = tokenizer.encode(text)
        var decoder = tokenizer.makeStreamingDecoder()
        var pieces: [String] = []
        var sawPending = false
        for id in ids {
            pieces.append(decoder.append(id))
            if decoder.pendingByteCount > 0 { sawPending = true }
        }
        pieces.append(decoder.finish())
        #expect(pieces.joined() == text)
        #expect(sawPending, "the tiny vocabulary splits multi-byte characters, so some bytes must wait")
        #expect(!pieces.contains { $0.contains("\u{FFFD}") })
    }

    @Test("an incomplete character left at the end becomes a replacement character")
    func streamingDecoderFinish() throws {
        let tokenizer = try Self.tiny()
        let firstByte = try #require(tokenizer.id(for: "æ"))  // 0xE6, the lead byte of many CJK characters
        var decoder = tokenizer.makeStreamingDecoder()
        #expect(decoder.append(firstByte) == "")
        #expect(decoder.pendingByteCount == 1)
        #expect(decoder.finish() == "\u{FFFD}")
        #expect(decoder.pendingByteCount == 0)
    }

    @Test("the three pre-tokenizers split digits, contractions and whitespace differently")
    func preTokenizersDiffer() throws {
        let text = "I'VE 12345 apples\n\n  ok"
        let gpt2 = try Self.tiny("bpe-gpt2").encode(text)
        let smol = try Self.tiny("bpe-smollm").encode(text)
        let llama = try Self.tiny("bpe-llama3").encode(text)
        #expect(gpt2 != smol || smol != llama)
        for tokenizer in [try Self.tiny("bpe-gpt2"), try Self.tiny("bpe-smollm"), try Self.tiny("bpe-llama3")] {
            #expect(tokenizer.decode(tokenizer.encode(text)) == text)
        }
    }

    @Test("encoding a long word uses the heap merge and agrees with encoding it again from the cache")
    func longWordsAndCache() throws {
        let tokenizer = try Self.tiny("bpe-gpt2")
        let word = String(repeating: "refundable", count: 30)
        let first = tokenizer.encode(word)
        let second = tokenizer.encode(word)
        #expect(first == second)
        #expect(tokenizer.decode(first) == word)
        #expect(first.count < word.utf8.count)
    }

    @Test("a tokenizer.json with an unknown pre-tokenizer or a broken merge is rejected")
    func rejectsBadFiles() throws {
        let url = URL(fileURLWithPath: TokenizerFixtures.path("bpe-gpt2/tokenizer.json"))
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        json["pre_tokenizer"] = ["type": "Whitespace"]
        let pre = #expect(throws: TokenizerError.self) {
            try ByteLevelBPETokenizer(tokenizerJSONData: JSONSerialization.data(withJSONObject: json))
        }
        #expect(pre?.code == .unsupported)
        json["pre_tokenizer"] = ["type": "ByteLevel", "add_prefix_space": false, "use_regex": true]
        var model = try #require(json["model"] as? [String: Any])
        model["merges"] = ["zz qq"]
        json["model"] = model
        let merge = #expect(throws: TokenizerError.self) {
            try ByteLevelBPETokenizer(tokenizerJSONData: JSONSerialization.data(withJSONObject: json))
        }
        #expect(merge?.code == .inconsistentVocabulary)
    }

    @Test("a GGUF without a byte-level tokenizer is rejected naming the key")
    func rejectsWrongGGUFTokenizer() throws {
        var bytes: [UInt8] = []
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        func appendString(_ text: String) { append(UInt64(text.utf8.count)); bytes.append(contentsOf: text.utf8) }
        append(UInt32(0x4655_4747)); append(UInt32(3)); append(UInt64(0)); append(UInt64(1))
        appendString("tokenizer.ggml.model"); append(GGUFValueType.string.rawValue); appendString("llama")
        let gguf = try GGUFFile(file: MappedFile(copying: bytes, name: "spm.gguf"))
        let error = #expect(throws: TokenizerError.self) { try ByteLevelBPETokenizer(gguf: gguf) }
        #expect(error?.code == .unsupported)
        #expect(error?.key == "tokenizer.ggml.model")
    }
}
