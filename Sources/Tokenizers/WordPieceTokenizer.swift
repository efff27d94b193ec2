import Foundation

/// BERT's WordPiece tokenizer, equal to Hugging Face `tokenizers` for `tokenizer.json` files
/// with a `BertNormalizer`, a `BertPreTokenizer`, a `WordPiece` model and `[CLS]`/`[SEP]`
/// post-processing (and for a plain `vocab.txt`).
///
/// Encoding gives ids, tokens, attention mask, token type ids and the offset of every token in
/// the original text in Unicode scalars, so token predictions map back to character spans.
public struct WordPieceTokenizer: Sendable {
    /// Id → token (empty strings for ids no token uses).
    public let tokensByID: [String]
    /// Token → id, byte-exact.
    let vocabulary: [ExactText: Int]
    /// The normalizer.
    public let normalizer: BertNormalizer
    /// Tokens matched in the raw text before normalization (`[CLS]`, `[SEP]`, `[MASK]`, ...).
    public let addedTokens: [AddedToken]
    /// The prefix of a word-continuing piece (`##`).
    public let continuingSubwordPrefix: String
    /// Words longer than this (in scalars, after normalization) become `[UNK]`.
    public let maximumInputCharactersPerWord: Int
    /// The unknown token (`[UNK]`).
    public let unknownToken: String
    /// The id of the unknown token.
    public let unknownID: Int
    /// The classifier token that starts every sequence (`[CLS]`).
    public let classifierToken: String
    /// The id of the classifier token.
    public let classifierID: Int
    /// The separator token that ends every segment (`[SEP]`).
    public let separatorToken: String
    /// The id of the separator token.
    public let separatorID: Int
    /// The padding token id (`[PAD]`, or 0).
    public let paddingID: Int
    /// The number of ids (the largest id + 1).
    public var vocabularySize: Int { tokensByID.count }
    /// The truncation length configured in `tokenizer.json`, if any. ``encode(_:pair:addSpecialTokens:maximumLength:)``
    /// truncates only when asked to.
    public let configuredMaximumLength: Int?

    private let matcher: AddedTokenMatcher
    private let trie: VocabularyTrie
    /// The trie node after the continuation prefix, or nil when no token has the prefix.
    private let continuationNode: Int32?

    /// Loads a Hugging Face `tokenizer.json`.
    /// - Throws: ``TokenizerError``.
    public init(tokenizerJSON path: String) throws {
        try self.init(tokenizerJSON: TokenizerJSON(path: path))
    }

    /// Parses the contents of a Hugging Face `tokenizer.json`; `source` names it in errors.
    /// - Throws: ``TokenizerError``.
    public init(tokenizerJSONData data: Data, source: String = "tokenizer.json") throws {
        try self.init(tokenizerJSON: TokenizerJSON(data: data, source: source))
    }

    init(tokenizerJSON json: TokenizerJSON) throws {
        let source = json.source
        guard try json.modelType() == "WordPiece" else {
            throw TokenizerError(
                .unsupported, source: source, key: "model.type", message: "expected a WordPiece model, found \(try json.modelType())")
        }
        let model = try json.model
        var normalizer = BertNormalizer(cleanText: false, handleChineseCharacters: false, stripAccents: false, lowercase: false)
        if let normalizerObject = json.optionalObject("normalizer") {
            guard normalizerObject["type"] as? String == "BertNormalizer" else {
                throw TokenizerError(
                    .unsupported, source: source, key: "normalizer.type",
                    message: "only BertNormalizer is supported, found \(normalizerObject["type"] ?? "nothing")")
            }
            normalizer = BertNormalizer(
                cleanText: normalizerObject["clean_text"] as? Bool ?? true,
                handleChineseCharacters: normalizerObject["handle_chinese_chars"] as? Bool ?? true,
                stripAccents: normalizerObject["strip_accents"] as? Bool,
                lowercase: normalizerObject["lowercase"] as? Bool ?? true)
        }
        if let preTokenizer = json.optionalObject("pre_tokenizer"), preTokenizer["type"] as? String != "BertPreTokenizer" {
            throw TokenizerError(
                .unsupported, source: source, key: "pre_tokenizer.type",
                message: "only BertPreTokenizer is supported, found \(preTokenizer["type"] ?? "nothing")")
        }
        var classifier = "[CLS]"
        var separator = "[SEP]"
        if let post = json.optionalObject("post_processor") {
            switch post["type"] as? String {
            case "BertProcessing":
                if let pair = post["cls"] as? [Any], let token = pair.first as? String { classifier = token }
                if let pair = post["sep"] as? [Any], let token = pair.first as? String { separator = token }
            case "TemplateProcessing":
                if let single = post["single"] as? [[String: Any]] {
                    let specials = single.compactMap { ($0["SpecialToken"] as? [String: Any])?["id"] as? String }
                    guard specials.count == 2 else {
                        throw TokenizerError(
                            .unsupported, source: source, key: "post_processor.single",
                            message: "expected a template of the form [CLS] $A [SEP]")
                    }
                    classifier = specials[0]
                    separator = specials[1]
                }
            default:
                throw TokenizerError(
                    .unsupported, source: source, key: "post_processor.type",
                    message: "only BertProcessing and TemplateProcessing are supported")
            }
        }
        try self.init(
            tokens: Self.tokens(from: json.vocabulary(), source: source), normalizer: normalizer, addedTokens: json.addedTokens(),
            unknownToken: model["unk_token"] as? String ?? "[UNK]",
            continuingSubwordPrefix: model["continuing_subword_prefix"] as? String ?? "##",
            maximumInputCharactersPerWord: (model["max_input_chars_per_word"] as? NSNumber)?.intValue ?? 100,
            classifierToken: classifier, separatorToken: separator, configuredMaximumLength: json.truncationLength(),
            source: source)
    }

    /// Loads a BERT `vocab.txt` (one token per line, the line number is the id) with the given
    /// normalizer; `[PAD]`, `[UNK]`, `[CLS]`, `[SEP]` and `[MASK]` become added tokens.
    /// - Throws: ``TokenizerError``.
    public init(vocabularyFile path: String, normalizer: BertNormalizer = BertNormalizer()) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw TokenizerError(.fileUnreadable, source: path, message: "cannot read the vocabulary as UTF-8 text")
        }
        var tokens: [String] = []
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines {
            var token = line
            while let last = token.last, last.properties.isWhitespace { token.removeLast() }
            tokens.append(String(String.UnicodeScalarView(token)))
        }
        let added = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].compactMap { token in
            tokens.firstIndex(of: token).map { AddedToken(content: token, id: $0, isSpecial: true) }
        }
        try self.init(tokens: tokens, normalizer: normalizer, addedTokens: added, source: path)
    }

    /// The id → token table of a token → id vocabulary.
    static func tokens(from vocabulary: [ExactText: Int], source: String) throws -> [String] {
        guard let largest = vocabulary.values.max(), largest < 10_000_000 else {
            throw TokenizerError(.inconsistentVocabulary, source: source, message: "the vocabulary is empty or its ids are too large")
        }
        var tokens = Array(repeating: "", count: largest + 1)
        for (token, id) in vocabulary { tokens[id] = token.text }
        return tokens
    }

    /// Makes a tokenizer from its parts: `tokens[id]` is the token with that id (the first
    /// occurrence wins when a token is listed twice).
    /// - Throws: ``TokenizerError`` when the unknown, classifier or separator token is not in the vocabulary.
    public init(
        tokens: [String], normalizer: BertNormalizer, addedTokens: [AddedToken], unknownToken: String = "[UNK]",
        continuingSubwordPrefix: String = "##", maximumInputCharactersPerWord: Int = 100, classifierToken: String = "[CLS]",
        separatorToken: String = "[SEP]", configuredMaximumLength: Int? = nil, source: String = "vocabulary"
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
        func required(_ token: String) throws -> Int {
            guard let id = vocabulary[exact: token] else {
                throw TokenizerError(.inconsistentVocabulary, source: source, key: token, message: "token is not in the vocabulary")
            }
            return id
        }
        self.vocabulary = vocabulary
        self.tokensByID = tokensByID
        self.normalizer = normalizer
        self.addedTokens = addedTokens
        self.continuingSubwordPrefix = continuingSubwordPrefix
        self.maximumInputCharactersPerWord = maximumInputCharactersPerWord
        self.unknownToken = unknownToken
        self.unknownID = try required(unknownToken)
        self.classifierToken = classifierToken
        self.classifierID = try required(classifierToken)
        self.separatorToken = separatorToken
        self.separatorID = try required(separatorToken)
        self.paddingID = vocabulary[exact: "[PAD]"] ?? 0
        self.configuredMaximumLength = configuredMaximumLength
        self.matcher = AddedTokenMatcher(tokens: addedTokens)
        self.trie = VocabularyTrie(tokens: tokensByID)
        self.continuationNode = trie.walk(VocabularyTrie.root, continuingSubwordPrefix)
    }

    /// The id of `token`, if it is in the vocabulary.
    public func id(for token: String) -> Int? { vocabulary[exact: token] }

    /// Encodes `text` (and `pair`, as segment 1) as Hugging Face `tokenizers` does: added
    /// tokens, normalization, BERT pre-tokenization, WordPiece, then `[CLS] A [SEP] (B [SEP])`
    /// when `addSpecialTokens`, truncated to `maximumLength` tokens (special tokens included;
    /// longest-first for pairs) when given.
    public func encode(_ text: String, pair: String? = nil, addSpecialTokens: Bool = true, maximumLength: Int? = nil) -> Encoding {
        var first = encodeSegment(text)
        var second = pair.map(encodeSegment)
        if let maximumLength {
            let reserved = addSpecialTokens ? (second == nil ? 2 : 3) : 0
            let budget = max(maximumLength - reserved, 0)
            if var pairPieces = second {
                var lengths = (first.count, pairPieces.count)
                if lengths.0 + lengths.1 > budget {
                    let swapped = lengths.0 > lengths.1
                    var (short, long) = swapped ? (lengths.1, lengths.0) : (lengths.0, lengths.1)
                    long = short > budget ? short : max(short, budget - short)
                    if short + long > budget {
                        short = budget / 2
                        long = short + budget % 2
                    }
                    lengths = swapped ? (long, short) : (short, long)
                    first.truncate(to: lengths.0)
                    pairPieces.truncate(to: lengths.1)
                    second = pairPieces
                }
            } else {
                first.truncate(to: budget)
            }
        }
        var encoding = Encoding(ids: [], tokens: [], offsets: [], attentionMask: [], typeIDs: [], specialTokensMask: [])
        func appendSpecial(_ id: Int, _ token: String, type: Int) {
            encoding.ids.append(id)
            encoding.tokens.append(token)
            encoding.offsets.append(0..<0)
            encoding.typeIDs.append(type)
            encoding.specialTokensMask.append(1)
        }
        func appendPieces(_ pieces: Pieces, type: Int) {
            encoding.ids += pieces.ids
            encoding.tokens += pieces.ids.map { tokensByID[$0] }
            encoding.offsets += pieces.offsets
            encoding.typeIDs += Array(repeating: type, count: pieces.count)
            encoding.specialTokensMask += Array(repeating: 0, count: pieces.count)
        }
        if addSpecialTokens { appendSpecial(classifierID, classifierToken, type: 0) }
        appendPieces(first, type: 0)
        if addSpecialTokens { appendSpecial(separatorID, separatorToken, type: 0) }
        if let second {
            appendPieces(second, type: 1)
            if addSpecialTokens { appendSpecial(separatorID, separatorToken, type: 1) }
        }
        encoding.attentionMask = Array(repeating: 1, count: encoding.ids.count)
        return encoding
    }

    /// Ids and offsets of one text before post-processing.
    private struct Pieces {
        var ids: [Int] = []
        var offsets: [Range<Int>] = []
        var count: Int { ids.count }
        mutating func truncate(to length: Int) {
            if ids.count > length {
                ids.removeLast(ids.count - length)
                offsets.removeLast(offsets.count - length)
            }
        }
    }

    private func encodeSegment(_ text: String) -> Pieces {
        let scalars = Array(text.unicodeScalars)
        var pieces = Pieces()
        for segment in matcher.split(scalars) {
            switch segment {
            case .token(let token, let range):
                pieces.ids.append(token.id)
                pieces.offsets.append(range)
            case .text(let range):
                let normalized = normalizer.normalize(scalars, range: range)
                for word in BertPreTokenizer.words(in: normalized.scalars) {
                    appendWordPieces(of: word, in: normalized, to: &pieces)
                }
            }
        }
        return pieces
    }

    private func appendWordPieces(of word: Range<Int>, in text: NormalizedText, to pieces: inout Pieces) {
        if word.count > maximumInputCharactersPerWord {
            pieces.ids.append(unknownID)
            pieces.offsets.append(text.originalRange(word))
            return
        }
        let firstPiece = pieces.count
        var start = word.lowerBound
        while start < word.upperBound {
            let node = start > word.lowerBound ? continuationNode : VocabularyTrie.root
            guard let node, let match = trie.longestMatch(from: node, in: text.scalars, start: start, end: word.upperBound) else {
                pieces.truncate(to: firstPiece)
                pieces.ids.append(unknownID)
                pieces.offsets.append(text.originalRange(word))
                return
            }
            pieces.ids.append(match.id)
            pieces.offsets.append(text.originalRange(start..<match.end))
            start = match.end
        }
    }

    /// Joins tokens back into text as the Hugging Face WordPiece decoder does: pieces with the
    /// `##` prefix attach to the previous token, others are separated by a space, and spaces
    /// before punctuation and in contractions are cleaned up.
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = true) -> String {
        let specialIDs = Set(addedTokens.filter(\.isSpecial).map(\.id))
        var text = ""
        for id in ids {
            guard id >= 0, id < tokensByID.count else { continue }
            if skipSpecialTokens && specialIDs.contains(id) { continue }
            let token = tokensByID[id]
            if token.hasPrefix(continuingSubwordPrefix) && !text.isEmpty {
                text += token.dropFirst(continuingSubwordPrefix.count)
            } else {
                if !text.isEmpty { text += " " }
                text += token
            }
        }
        for (from, to) in [
            (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"), (" 'm", "'m"),
            (" do not", " don't"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
        ] {
            text = text.replacingOccurrences(of: from, with: to)
        }
        return text
    }
}
