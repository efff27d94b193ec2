import SupportModel

/// One retrieved passage.
public struct RetrievalResult: Sendable, Equatable {
    public var passage: Passage
    /// The fused score (reciprocal ranks, with the language preference); only comparable
    /// within one search.
    public var score: Double
    /// Cosine similarity of the question and the passage (the dense signal alone, comparable
    /// across searches: what answering's confidence is calibrated on).
    public var similarity: Double
    /// Rank in the lexical list (from 1), nil when the words did not match.
    public var lexicalRank: Int?

    public init(passage: Passage, score: Double, similarity: Double, lexicalRank: Int?) {
        self.passage = passage
        self.score = score
        self.similarity = similarity
        self.lexicalRank = lexicalRank
    }
}

/// Hybrid retrieval over a fixed set of passages: exact dense search (the encoder's vectors)
/// and BM25, fused by reciprocal rank (k = 60); the best passage of each article, articles in
/// the question's language ahead of the same topic in another, and a product filter.
public struct KnowledgeIndex: Sendable {
    public let passages: [Passage]
    public let embeddingModel: String
    private let vectors: VectorIndex
    private let lexical: LexicalIndex
    /// Candidates taken from each list before fusing.
    public var depth = 50
    /// Reciprocal-rank constant.
    public var rankConstant = 60.0
    /// Added to an article in the question's language (a Chinese question gets the Chinese
    /// article first), as a fraction of a first rank's share: enough to order a topic's two
    /// languages. Only passages about as close to the question as the closest one get it
    /// (`languageMargin` of cosine similarity), so an unrelated article in the question's
    /// language never passes a relevant one in another.
    public var languagePreference = 0.5
    public var languageMargin = 0.05

    /// An index of `passages` with their `vectors` (same order); throws when they disagree.
    public init(passages: [Passage], vectors: [[Float]], embeddingModel: String, dimension: Int) throws(KnowledgeBaseError) {
        guard passages.count == vectors.count else {
            throw KnowledgeBaseError.invalid("\(passages.count) passages but \(vectors.count) vectors")
        }
        var index = VectorIndex(dimension: dimension)
        for (passage, vector) in zip(passages, vectors) {
            do {
                try index.append(vector)
            } catch {
                throw KnowledgeBaseError.invalid("the vector of \(passage.articleID)#\(passage.ordinal): \(error)")
            }
        }
        self.passages = passages
        self.vectors = index
        self.embeddingModel = embeddingModel
        lexical = LexicalIndex(documents: passages.map(\.indexedText))
    }

    public var articleCount: Int { Set(passages.map(\.articleID)).count }

    /// The best `limit` articles for a question (one passage each, best first).
    /// - Parameters:
    ///   - language: the question's language; `.mixed` prefers Chinese articles.
    ///   - products: product codes the question or the customer's order names; articles about
    ///     other products are left out (articles about no product stay).
    public func search(
        _ question: String, vector: [Float], language: Language, products: Set<String> = [], limit: Int = 5
    ) throws(KnowledgeBaseError) -> [RetrievalResult] {
        guard !passages.isEmpty else { return [] }
        let allowed: (Int) -> Bool = { index in
            products.isEmpty || self.passages[index].products.isEmpty || !products.isDisjoint(with: self.passages[index].products)
        }
        let similarities: [Float]
        do {
            similarities = try vectors.similarities(vector)
        } catch {
            throw KnowledgeBaseError.invalid("question vector: \(error)")
        }
        let dense = TopK.best(similarities.indices.filter(allowed).map { ($0, Double(similarities[$0])) }, limit: depth)
        let words = lexical.search(question, limit: depth, allowed: allowed)
        var fused: [Int: Double] = [:]
        var lexicalRanks: [Int: Int] = [:]
        for (rank, hit) in dense.enumerated() { fused[hit.document, default: 0] += 1 / (rankConstant + Double(rank + 1)) }
        for (rank, hit) in words.enumerated() {
            fused[hit.document, default: 0] += 1 / (rankConstant + Double(rank + 1))
            lexicalRanks[hit.document] = rank + 1
        }
        let preferred: Language = language == .english ? .english : .chinese
        let bonus = languagePreference / (rankConstant + 1)
        let closest = Double(dense.first?.score ?? 0)
        var bestPerArticle: [String: (index: Int, score: Double)] = [:]
        for (index, score) in fused {
            let competes = Double(similarities[index]) >= closest - languageMargin
            let total = score + (passages[index].language == preferred && competes ? bonus : 0)
            let id = passages[index].articleID
            if let best = bestPerArticle[id], best.score > total || best.score == total && best.index < index { continue }
            bestPerArticle[id] = (index, total)
        }
        return TopK.best(bestPerArticle.values.map { ($0.index, $0.score) }, limit: limit).map { hit in
            RetrievalResult(passage: passages[hit.document], score: hit.score,
                            similarity: Double(similarities[hit.document]), lexicalRank: lexicalRanks[hit.document])
        }
    }
}

public enum KnowledgeBaseError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let problem): "knowledge base: \(problem)"
        }
    }
}
