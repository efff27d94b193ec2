import Foundation
import ModelFormats

/// A byte-level BPE tokenizer (GPT-2, SmolLM, Llama 3 style), from a Hugging Face
/// `tokenizer.json` or from GGUF metadata, giving the same ids as Hugging Face `tokenizers`
/// and llama.cpp.
///
/// Encoding: added/special tokens (`<|im_start|>`, ...) are matched first; the rest is split by
/// the model's pre-tokenizer, each word's UTF-8 bytes become byte tokens, and merges are
/// applied lowest rank first. Words are cached.
public struct ByteLevelBPETokenizer: Sendable {
    /// Id → token text as stored (byte-level alphabet for ordinary tokens).
    public let tokensByID: [String]
    /// Token → id, byte-exact.
    let vocabulary: [ExactText: Int]
    /// The pre-tokenizer.
    public let preTokenizer: BytePairPreTokenizer
    /// Tokens matched in text before BPE.
    public let addedTokens: [AddedToken]
    /// Beginning-of-sequence token id, if the model has one.
    public let beginningOfSequenceID: Int?
    /// End-of-sequence token id, if the model has one.
    public let endOfSequenceID: Int?
    /// Padding token id, if the model has one.
    public let paddingID: Int?
    /// Whether ``encode(_:addSpecialTokens:parseSpecialTokens:)`` puts the BOS token first.
    public let addsBeginningOfSequence: Bool
    /// Whether a word that is itself in the vocabulary skips the merges (Llama 3's `ignore_merges`).
    public let ignoresMerges: Bool
    /// Whether a space is put before each run of text that does not start with one (`add_prefix_space`).
    public let addsPrefixSpace: Bool

    private let merger: BytePairMerger
    private let byteTokenIDs: [Int32]
    private let bytesByID: [[UInt8]]
    private let specialIDs: Set<Int>
    private let matcher: AddedTokenMatcher
    private let cache = WordCache()

    /// The number of ids (the largest id + 1).
    public var vocabularySize: Int { tokensByID.count }

    /// Loads a Hugging Face `tokenizer.json` with a BPE model and a byte-level pre-tokenizer.
    /// - Throws: ``TokenizerError``.
    public init(tokenizerJSON path: String) throws {
        try self.init(json: TokenizerJSON(path: path))
    }

    /// Parses the contents of a Hugging Face `tokenizer.json`; `source` names it in errors.
    /// - Throws: ``TokenizerError``.
    public init(tokenizerJSONData data: Data, source: String = "tokenizer.json") throws {
        try self.init(json: TokenizerJSON(data: data, source: source))
    }

    private init(json: TokenizerJSON) throws {
        let source = json.source
        guard try json.modelType() == "BPE" else {
            throw TokenizerError(.unsupported, source: source, key: "model.type", message: "expected a BPE model, found \(try json.modelType())")
        }
        let model = try json.model
        guard let rawMerges = model["merges"] as? [Any] else {
            throw TokenizerError(.missingEntry, source: source, key: "model.merges", message: "expected an array of merges")
        }
        var merges: [(String, String)] = []
        merges.reserveCapacity(rawMerges.count)
        for entry in rawMerges {
            if let text = entry as? String {
                let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw TokenizerError(.malformedFile, source: source, key: "model.merges", message: "merge '\(text)' is not two tokens")
                }
                merges.append((String(parts[0]), String(parts[1])))
            } else if let pair = entry as? [String], pair.count == 2 {
                merges.append((pair[0], pair[1]))
            } else {
                throw TokenizerError(.malformedFile, source: source, key: "model.merges", message: "a merge is neither 'a b' nor [a, b]")
            }
        }
        let (preTokenizer, prefixSpace) = try Self.preTokenizer(from: json)
        var bos: Int?
        var addsBOS = false
        let added = try json.addedTokens()
        if let post = json.optionalObject("post_processor"), post["type"] as? String == "TemplateProcessing",
            let single = post["single"] as? [[String: Any]], let first = single.first,
            let special = first["SpecialToken"] as? [String: Any], let name = special["id"] as? String
        {
            bos = added.first(where: { $0.content == name })?.id
            addsBOS = bos != nil
        }
        try self.init(
            tokens: WordPieceTokenizer.tokens(from: json.vocabulary(), source: source), merges: merges, addedTokens: added, preTokenizer: preTokenizer,
            beginningOfSequenceID: bos, endOfSequenceID: nil, paddingID: nil, addsBeginningOfSequence: addsBOS,
            ignoresMerges: model["ignore_merges"] as? Bool ?? false, addsPrefixSpace: prefixSpace, source: source)
    }

    private static func preTokenizer(from json: TokenizerJSON) throws -> (BytePairPreTokenizer, Bool) {
        let source = json.source
        guard let object = json.optionalObject("pre_tokenizer") else {
            throw TokenizerError(.missingEntry, source: source, key: "pre_tokenizer", message: "a byte-level pre-tokenizer is required")
        }
        func byteLevel(_ item: [String: Any]) -> (usesRegex: Bool, prefixSpace: Bool)? {
            guard item["type"] as? String == "ByteLevel" else { return nil }
            return (item["use_regex"] as? Bool ?? true, item["add_prefix_space"] as? Bool ?? false)
        }
        if let level = byteLevel(object), level.usesRegex { return (.gpt2, level.prefixSpace) }
        if object["type"] as? String == "Sequence", let items = object["pretokenizers"] as? [[String: Any]] {
            if items.count == 2, items[0]["type"] as? String == "Digits", items[0]["individual_digits"] as? Bool == true,
                let level = byteLevel(items[1]), level.usesRegex
            {
                return (.smolLM, level.prefixSpace)
            }
            if items.count == 2, items[0]["type"] as? String == "Split",
                let pattern = (items[0]["pattern"] as? [String: Any])?["Regex"] as? String,
                pattern == llama3Pattern, let level = byteLevel(items[1]), !level.usesRegex
            {
                return (.llama3, level.prefixSpace)
            }
        }
        throw TokenizerError(
            .unsupported, source: source, key: "pre_tokenizer",
            message: "supported pre-tokenizers: ByteLevel with the GPT-2 regex, Digits + ByteLevel (SmolLM), Split with the Llama 3 regex + ByteLevel")
    }

    /// The Llama 3 split pattern as written in its `tokenizer.json`.
    static let llama3Pattern =
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

    /// Reads the tokenizer stored in GGUF metadata (`tokenizer.ggml.model` = `gpt2`).
    /// Control and user-defined tokens (types 3 and 4) are matched in text as added tokens.
    /// - Throws: ``TokenizerError`` (wrapping a missing or wrong key).
    public init(gguf: GGUFFile) throws {
        let source = gguf.file.path
        func read<T>(_ key: String, _ body: () throws -> T) throws -> T {
            do { return try body() } catch let error as ModelFormatError {
                throw TokenizerError(
                    error.code == .missingKey ? .missingEntry : .malformedFile, source: source, key: key, message: error.message)
            }
        }
        let model = try read("tokenizer.ggml.model") { try gguf.string("tokenizer.ggml.model") }
        guard model == "gpt2" else {
            throw TokenizerError(
                .unsupported, source: source, key: "tokenizer.ggml.model", message: "expected a byte-level BPE ('gpt2') tokenizer, found '\(model)'")
        }
        let tokens = try read("tokenizer.ggml.tokens") { try gguf.stringArray("tokenizer.ggml.tokens") }
        let types = gguf.value("tokenizer.ggml.token_type") == nil
            ? Array(repeating: 1, count: tokens.count)
            : try read("tokenizer.ggml.token_type") { try gguf.intArray("tokenizer.ggml.token_type") }
        guard types.count == tokens.count else {
            throw TokenizerError(
                .inconsistentVocabulary, source: source, key: "tokenizer.ggml.token_type",
                message: "\(types.count) token types for \(tokens.count) tokens")
        }
        let mergeTexts = try read("tokenizer.ggml.merges") { try gguf.stringArray("tokenizer.ggml.merges") }
        var merges: [(String, String)] = []
        merges.reserveCapacity(mergeTexts.count)
        for text in mergeTexts {
            let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw TokenizerError(.malformedFile, source: source, key: "tokenizer.ggml.merges", message: "merge '\(text)' is not two tokens")
            }
            merges.append((String(parts[0]), String(parts[1])))
        }
        let preName = gguf.value("tokenizer.ggml.pre")?.stringValue ?? "default"
        guard let preTokenizer = BytePairPreTokenizer(ggufName: preName) else {
            throw TokenizerError(
                .unsupported, source: source, key: "tokenizer.ggml.pre",
                message: "pre-tokenizer '\(preName)' is not supported (supported: gpt-2, smollm, llama3)")
        }
        var added: [AddedToken] = []
        for (id, token) in tokens.enumerated() {
            if types[id] == 3 || types[id] == 4 {
                added.append(AddedToken(content: token, id: id, isSpecial: types[id] == 3))
            }
        }
        func optionalID(_ key: String) -> Int? {
            guard let id = gguf.value(key)?.intValue, id >= 0, id < tokens.count else { return nil }
            return id
        }
        let bos = optionalID("tokenizer.ggml.bos_token_id")
        try self.init(
            tokens: tokens, merges: merges, addedTokens: added, preTokenizer: preTokenizer,
            beginningOfSequenceID: bos, endOfSequenceID: optionalID("tokenizer.ggml.eos_token_id"),
            paddingID: optionalID("tokenizer.ggml.padding_token_id"),
            addsBeginningOfSequence: bos != nil && (gguf.value("tokenizer.ggml.add_bos_token")?.boolValue ?? false),
            ignoresMerges: preTokenizer == .llama3, addsPrefixSpace: false, source: source)
    }

    /// Makes a tokenizer from its parts: `tokens[id]` is the token with that id (the first
    /// occurrence wins when a token is listed twice); merges are in rank order.
    /// - Throws: ``TokenizerError`` when a merge's parts or result is missing from the vocabulary.
    public init(
        tokens: [String], merges: [(String, String)], addedTokens: [AddedToken], preTokenizer: BytePairPreTokenizer,
        beginningOfSequenceID: Int?, endOfSequenceID: Int?, paddingID: Int?, addsBeginningOfSequence: Bool,
        ignoresMerges: Bool = false, addsPrefixSpace: Bool = false, source: String = "vocabulary"
    ) throws {
        var tokensByID = tokens
        var vocabulary: [ExactText: Int] = [:]
        vocabulary.reserveCapacity(tokens.count)
        for (id, token) in tokens.enumerated() where vocabulary[exact: token] == nil { vocabulary[exact: token] = id }
        for token in addedTokens where vocabulary[exact: token.content] == nil {
            guard token.id >= 0, token.id < 10_000_000 else {
                throw TokenizerError(.inconsistentVocabulary, source: source, key: token.content, message: "added token id \(token.id) is out of range")
            }
            vocabulary[exact: token.content] = token.id
            if token.id >= tokensByID.count { tokensByID += Array(repeating: "", count: token.id + 1 - tokensByID.count) }
            tokensByID[token.id] = token.content
        }
        var table: [UInt64: BytePairMerger.Merge] = [:]
        table.reserveCapacity(merges.count)
        for (rank, (left, right)) in merges.enumerated() {
            guard let leftID = vocabulary[exact: left], let rightID = vocabulary[exact: right],
                let result = vocabulary[exact: left + right]
            else {
                throw TokenizerError(
                    .inconsistentVocabulary, source: source, key: "merges",
                    message: "merge #\(rank) '\(left) \(right)' uses or makes a token that is not in the vocabulary")
            }
            let key = BytePairMerger.key(Int32(leftID), Int32(rightID))
            if table[key] == nil { table[key] = BytePairMerger.Merge(rank: Int32(rank), result: Int32(result)) }
        }
        // A byte without a token of its own (some vocabularies lack the rare control bytes) is
        // dropped when encoding, as Hugging Face `tokenizers` (no unk token) and llama.cpp do.
        let byteTokenIDs: [Int32] = (0..<256).map { byte in
            vocabulary[exact: String(ByteLevelAlphabet.scalarForByte[byte])].map(Int32.init) ?? -1
        }
        let specialIDs = Set(addedTokens.filter(\.isSpecial).map(\.id))
        let addedIDs = Set(addedTokens.map(\.id))
        self.vocabulary = vocabulary
        self.tokensByID = tokensByID
        self.preTokenizer = preTokenizer
        self.addedTokens = addedTokens
        self.beginningOfSequenceID = beginningOfSequenceID
        self.endOfSequenceID = endOfSequenceID
        self.paddingID = paddingID
        self.addsBeginningOfSequence = addsBeginningOfSequence
        self.ignoresMerges = ignoresMerges
        self.addsPrefixSpace = addsPrefixSpace
        self.merger = BytePairMerger(merges: table)
        self.byteTokenIDs = byteTokenIDs
        self.bytesByID = tokensByID.enumerated().map { id, token in
            addedIDs.contains(id) ? Array(token.utf8) : ByteLevelAlphabet.bytes(for: token)
        }
        self.specialIDs = specialIDs
        self.matcher = AddedTokenMatcher(tokens: addedTokens)
    }

    /// The id of `token`, if it is in the vocabulary.
    public func id(for token: String) -> Int? { vocabulary[exact: token] }

    /// Whether `id` is a special (control) token.
    public func isSpecial(_ id: Int) -> Bool { specialIDs.contains(id) }

    /// Encodes `text`. With `parseSpecialTokens`, added tokens written in the text (such as
    /// `<|im_start|>`) become their ids; without, they are encoded as ordinary text. With
    /// `addSpecialTokens`, the BOS token comes first when the model asks for it.
    public func encode(_ text: String, addSpecialTokens: Bool = true, parseSpecialTokens: Bool = true) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        var ids: [Int] = []
        ids.reserveCapacity(scalars.count / 3 + 2)
        if addSpecialTokens, addsBeginningOfSequence, let bos = beginningOfSequenceID { ids.append(bos) }
        let segments = parseSpecialTokens ? matcher.split(scalars) : (scalars.isEmpty ? [] : [.text(0..<scalars.count)])
        for segment in segments {
            switch segment {
            case .token(let token, _):
                ids.append(token.id)
            case .text(let range):
                // `add_prefix_space` applies to every run of text between added tokens, and only
                // checks for a space (not other whitespace), as in Hugging Face `tokenizers`.
                if addsPrefixSpace && scalars[range.lowerBound] != " " {
                    let spaced = [" "] + scalars[range]
                    for word in preTokenizer.words(in: spaced, range: 0..<spaced.count) {
                        appendWord(spaced[word], to: &ids)
                    }
                } else {
                    for word in preTokenizer.words(in: scalars, range: range) {
                        appendWord(scalars[word], to: &ids)
                    }
                }
            }
        }
        return ids
    }

    private func appendWord(_ scalars: ArraySlice<Unicode.Scalar>, to ids: inout [Int]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 2)
        for scalar in scalars { bytes.append(contentsOf: UTF8.encode(scalar)!) }
        if let cached = cache.ids(for: bytes) {
            for id in cached { ids.append(Int(id)) }
            return
        }
        var result: [Int32]
        if ignoresMerges, let whole = vocabulary[exact: ByteLevelAlphabet.text(for: bytes)] {
            result = [Int32(whole)]
        } else {
            var symbols: [Int32] = []
            symbols.reserveCapacity(bytes.count)
            for byte in bytes where byteTokenIDs[Int(byte)] >= 0 { symbols.append(byteTokenIDs[Int(byte)]) }
            result = merger.merge(symbols)
        }
        cache.store(result, for: bytes)
        for id in result { ids.append(Int(id)) }
    }

    /// The UTF-8 bytes `id` stands for (a special token's text for special tokens); empty for
    /// ids outside the vocabulary.
    public func bytes(for id: Int) -> [UInt8] {
        guard id >= 0, id < bytesByID.count else { return [] }
        return bytesByID[id]
    }

    /// Decodes ids to text; invalid UTF-8 becomes U+FFFD. With `skipSpecialTokens`, control
    /// tokens are left out.
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = false) -> String {
        var bytes: [UInt8] = []
        for id in ids where !(skipSpecialTokens && specialIDs.contains(id)) {
            bytes += self.bytes(for: id)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A decoder for streaming generation that holds incomplete UTF-8 sequences between tokens.
    public func makeStreamingDecoder(skipSpecialTokens: Bool = false) -> StreamingTextDecoder {
        StreamingTextDecoder(tokenizer: self, skipSpecialTokens: skipSpecialTokens)
    }
}
