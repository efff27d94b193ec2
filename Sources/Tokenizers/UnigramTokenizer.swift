import Foundation

/// A SentencePiece Unigram tokenizer (XLM-R, multilingual-e5), equal to Hugging Face
/// `tokenizers` for `tokenizer.json` files with a `Precompiled` normalizer (optionally followed by
/// the `Replace` of space runs by one space), a `Metaspace` pre-tokenizer, a `Unigram` model and
/// `<s> … </s>` template post-processing.
///
/// Pipeline, as the reference runs it: added tokens (`<s>`, `<mask>`, …) are matched in the raw
/// text; each run of text between them is normalized (the precompiled map over grapheme
/// clusters, then space runs collapsed), its spaces become `▁` and a `▁` is prepended, it is
/// split before each `▁`, and each piece is segmented by Viterbi over the pieces' scores
/// (unknown characters cost the lowest score − 10; neighbouring unknowns fuse into one `<unk>`).
/// Every token keeps the range of original text it stands for, in Unicode scalars.
public struct UnigramTokenizer: Sendable {
    /// Id → piece.
    public let tokensByID: [String]
    /// Each piece's log probability.
    let scores: [Double]
    /// The unknown token's id.
    public let unknownID: Int
    /// The score of an unknown character: the lowest piece score − 10.
    let unknownScore: Double
    /// `<s>`: starts every sequence.
    public let beginID: Int
    /// `</s>`: ends every sequence.
    public let endID: Int
    /// `<pad>`.
    public let paddingID: Int
    /// The word-boundary marker (`▁`).
    public let replacement: Unicode.Scalar
    /// Tokens matched in the raw text before normalization.
    public let addedTokens: [AddedToken]
    /// The number of ids.
    public var vocabularySize: Int { tokensByID.count }

    private let charsmap: PrecompiledCharsmap?
    private let collapsesSpaceRuns: Bool
    private let matcher: AddedTokenMatcher
    private let trie: VocabularyTrie

    /// Loads a Hugging Face `tokenizer.json`.
    /// - Throws: ``TokenizerError`` naming the file, the entry and the problem.
    public init(tokenizerJSON path: String) throws {
        try self.init(tokenizerJSON: TokenizerJSON(path: path))
    }

    /// Parses the contents of a Hugging Face `tokenizer.json`; `source` names it in errors.
    public init(tokenizerJSONData data: Data, source: String = "tokenizer.json") throws {
        try self.init(tokenizerJSON: TokenizerJSON(data: data, source: source))
    }

    init(tokenizerJSON json: TokenizerJSON) throws {
        let source = json.source
        guard try json.modelType() == "Unigram" else {
            throw TokenizerError(
                .unsupported, source: source, key: "model.type", message: "expected a Unigram model, found \(try json.modelType())")
        }
        let model = try json.model
        if model["byte_fallback"] as? Bool == true {
            throw TokenizerError(.unsupported, source: source, key: "model.byte_fallback", message: "byte fallback is not supported")
        }
        guard let entries = model["vocab"] as? [[Any]], !entries.isEmpty else {
            throw TokenizerError(.missingEntry, source: source, key: "model.vocab", message: "expected a list of [piece, score]")
        }
        var tokens: [String] = []
        var scores: [Double] = []
        tokens.reserveCapacity(entries.count)
        scores.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            guard entry.count == 2, let piece = entry[0] as? String, let score = (entry[1] as? NSNumber)?.doubleValue,
                score.isFinite
            else {
                throw TokenizerError(
                    .malformedFile, source: source, key: "model.vocab[\(index)]", message: "expected [piece, finite score]")
            }
            tokens.append(piece)
            scores.append(score)
        }
        guard let unknownID = (model["unk_id"] as? NSNumber)?.intValue, tokens.indices.contains(unknownID) else {
            throw TokenizerError(.missingEntry, source: source, key: "model.unk_id", message: "expected the id of the unknown piece")
        }
        self.tokensByID = tokens
        self.scores = scores
        self.unknownID = unknownID
        self.unknownScore = (scores.min() ?? 0) - 10
        self.trie = VocabularyTrie(tokens: tokens)

        // Normalizer: Precompiled, optionally followed by Replace(" {2,}" → " ").
        var charsmap: PrecompiledCharsmap?
        var collapses = false
        if let normalizer = json.optionalObject("normalizer") {
            let parts: [[String: Any]]
            if normalizer["type"] as? String == "Sequence" {
                parts = normalizer["normalizers"] as? [[String: Any]] ?? []
            } else {
                parts = [normalizer]
            }
            for part in parts {
                switch part["type"] as? String {
                case "Precompiled":
                    guard let base64 = part["precompiled_charsmap"] as? String else {
                        throw TokenizerError(
                            .missingEntry, source: source, key: "normalizer.precompiled_charsmap", message: "expected base64 text")
                    }
                    charsmap = try PrecompiledCharsmap(base64: base64, source: source)
                case "Replace":
                    let pattern = (part["pattern"] as? [String: Any])?["Regex"] as? String
                    guard pattern == " {2,}", part["content"] as? String == " " else {
                        throw TokenizerError(
                            .unsupported, source: source, key: "normalizer",
                            message: "only the Replace of space runs (\" {2,}\" → \" \") is supported")
                    }
                    collapses = true
                default:
                    throw TokenizerError(
                        .unsupported, source: source, key: "normalizer.type",
                        message: "unsupported normalizer \(part["type"] ?? "nothing")")
                }
            }
        }
        self.charsmap = charsmap
        self.collapsesSpaceRuns = collapses

        // Pre-tokenizer: Metaspace with a prefix and splitting.
        guard let preTokenizer = json.optionalObject("pre_tokenizer"), preTokenizer["type"] as? String == "Metaspace",
            let marker = (preTokenizer["replacement"] as? String)?.unicodeScalars, marker.count == 1
        else {
            throw TokenizerError(.unsupported, source: source, key: "pre_tokenizer", message: "expected a Metaspace pre-tokenizer")
        }
        let prepends = preTokenizer["prepend_scheme"] as? String == "always" || preTokenizer["add_prefix_space"] as? Bool == true
        guard prepends, preTokenizer["split"] as? Bool ?? true else {
            throw TokenizerError(
                .unsupported, source: source, key: "pre_tokenizer",
                message: "only Metaspace that always prepends the marker and splits is supported")
        }
        self.replacement = marker.first!

        let added = try json.addedTokens()
        self.addedTokens = added
        self.matcher = AddedTokenMatcher(tokens: added)
        func specialID(_ content: String) throws -> Int {
            if let token = added.first(where: { $0.content == content }) { return token.id }
            if let id = tokens.firstIndex(of: content) { return id }
            throw TokenizerError(.missingEntry, source: source, key: "added_tokens", message: "no \(content) token")
        }
        self.beginID = try specialID("<s>")
        self.endID = try specialID("</s>")
        self.paddingID = (try? specialID("<pad>")) ?? 1
    }

    // MARK: Encoding

    /// One token before post-processing: id, piece and original range.
    struct Piece {
        var id: Int
        var token: String
        var range: Range<Int>
    }

    /// Encodes `text` as the reference does (with `<s>` and `</s>` when `addSpecialTokens`).
    /// With `maximumLength`, the text's tokens are cut so the whole fits (the end token kept).
    public func encode(_ text: String, addSpecialTokens: Bool = true, maximumLength: Int? = nil) -> Encoding {
        var pieces = encodeText(Array(text.unicodeScalars))
        if let maximumLength {
            let room = max(0, maximumLength - (addSpecialTokens ? 2 : 0))
            if pieces.count > room { pieces.removeLast(pieces.count - room) }
        }
        var ids: [Int] = []
        var tokens: [String] = []
        var offsets: [Range<Int>] = []
        var special: [Int] = []
        if addSpecialTokens {
            ids.append(beginID); tokens.append(tokensByID[beginID]); offsets.append(0..<0); special.append(1)
        }
        for piece in pieces {
            ids.append(piece.id); tokens.append(piece.token); offsets.append(piece.range); special.append(0)
        }
        if addSpecialTokens {
            ids.append(endID); tokens.append(tokensByID[endID]); offsets.append(0..<0); special.append(1)
        }
        return Encoding(
            ids: ids, tokens: tokens, offsets: offsets, attentionMask: Array(repeating: 1, count: ids.count),
            typeIDs: Array(repeating: 0, count: ids.count), specialTokensMask: special)
    }

    func encodeText(_ scalars: [Unicode.Scalar]) -> [Piece] {
        var pieces: [Piece] = []
        for part in matcher.split(scalars) {
            switch part {
            case .token(let token, let range):
                pieces.append(Piece(id: token.id, token: token.content, range: range))
            case .text(let range):
                var text = AlignedText(scalars[range], origin: range.lowerBound)
                normalize(&text)
                for word in metaspaceWords(&text) {
                    pieces += segment(text, word)
                }
            }
        }
        return pieces
    }

    /// The normalizer: the precompiled map over grapheme clusters, then space runs collapsed.
    func normalize(_ text: inout AlignedText) {
        if let charsmap {
            var changes: [(scalar: Unicode.Scalar, change: Int)] = []
            changes.reserveCapacity(text.scalars.count)
            var modified = false
            var index = 0
            for character in String(String.UnicodeScalarView(text.scalars)) {
                let cluster = Array(character.unicodeScalars)
                defer { index += cluster.count }
                let bytes = cluster.flatMap { Array(String($0).utf8) }
                if bytes.count < 6, let replacement = charsmap.replacement(for: bytes) {
                    modified = true
                    changes.appendReplacement(of: cluster.count, by: replacement)
                    continue
                }
                for scalar in cluster {
                    if let replacement = charsmap.replacement(for: Array(String(scalar).utf8)) {
                        modified = true
                        changes.appendReplacement(of: 1, by: replacement)
                    } else {
                        changes.append((scalar, 0))
                    }
                }
            }
            if modified { text.transform(changes) }
        }
        if collapsesSpaceRuns { collapseSpaceRuns(&text) }
    }

    /// Each run of two or more spaces becomes one space aligned with the run's last space.
    private func collapseSpaceRuns(_ text: inout AlignedText) {
        guard text.scalars.count > 1 else { return }
        var scalars: [Unicode.Scalar] = []
        var alignments: [(start: Int, end: Int)] = []
        var index = 0
        let count = text.scalars.count
        while index < count {
            if text.scalars[index] == " " {
                var end = index
                while end < count && text.scalars[end] == " " { end += 1 }
                if end - index >= 2 {
                    scalars.append(" ")
                    alignments.append(text.alignments[end - 1])
                    index = end
                    continue
                }
            }
            scalars.append(text.scalars[index])
            alignments.append(text.alignments[index])
            index += 1
        }
        text.scalars = scalars
        text.alignments = alignments
    }

    /// Metaspace: spaces become `▁` (keeping their alignment), `▁` is prepended (aligned with
    /// the first scalar) unless the text starts with one, and the text splits before each `▁`.
    /// Returns the words' ranges in `text`.
    func metaspaceWords(_ text: inout AlignedText) -> [Range<Int>] {
        guard !text.isEmpty else { return [] }
        for index in text.scalars.indices where text.scalars[index] == " " { text.scalars[index] = replacement }
        if text.scalars[0] != replacement {
            text.scalars.insert(replacement, at: 0)
            text.alignments.insert(text.alignments[0], at: 0)
        }
        var words: [Range<Int>] = []
        var start = 0
        for index in 1..<text.scalars.count where text.scalars[index] == replacement {
            words.append(start..<index)
            start = index
        }
        words.append(start..<text.scalars.count)
        return words
    }

    /// The best segmentation of one word (Viterbi over the piece scores).
    func segment(_ text: AlignedText, _ word: Range<Int>) -> [Piece] {
        let count = word.count
        var bestScore = [Double](repeating: -.infinity, count: count + 1)
        var bestStart = [Int](repeating: -1, count: count + 1)
        var bestID = [Int](repeating: -1, count: count + 1)
        bestScore[0] = 0
        for start in 0..<count {
            let base = bestScore[start]
            var node = VocabularyTrie.root
            var hasSingle = false
            var end = start
            walk: while end < count {
                for byte in UTF8.encode(text.scalars[word.lowerBound + end])! {
                    guard let next = trie.step(node, byte) else { break walk }
                    node = next
                }
                end += 1
                if let id = trie.id(at: node) {
                    let score = base + scores[id]
                    if bestStart[end] < 0 || score > bestScore[end] {
                        bestScore[end] = score
                        bestStart[end] = start
                        bestID[end] = id
                    }
                    if end == start + 1 { hasSingle = true }
                }
            }
            if !hasSingle {
                let score = base + unknownScore
                if bestStart[start + 1] < 0 || score > bestScore[start + 1] {
                    bestScore[start + 1] = score
                    bestStart[start + 1] = start
                    bestID[start + 1] = unknownID
                }
            }
        }
        // Back from the end; neighbouring unknowns fuse into one.
        var reversed: [(id: Int, range: Range<Int>)] = []
        var end = count
        while end > 0 {
            let start = bestStart[end]
            let id = bestID[end]
            if id == unknownID, let last = reversed.last, last.id == unknownID, last.range.lowerBound == end {
                reversed[reversed.count - 1].range = start..<last.range.upperBound
            } else {
                reversed.append((id, start..<end))
            }
            end = start
        }
        return reversed.reversed().map { item in
            let normalized = (word.lowerBound + item.range.lowerBound)..<(word.lowerBound + item.range.upperBound)
            let token = item.id == unknownID
                ? String(String.UnicodeScalarView(text.scalars[normalized])) : tokensByID[item.id]
            return Piece(id: item.id, token: token, range: text.originalRange(normalized))
        }
    }
}
