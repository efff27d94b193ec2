import KnowledgeBase
import SupportModel
import Testing
import TestSupport

@Suite("Lexical and dense retrieval, fused")
struct RetrievalTests {
    @Test("lexical terms: English words stemmed without function words, Chinese characters and pairs, full width folded")
    func terms() {
        #expect(LexicalTerms.terms("The batteries are charging") == ["battery", "charg"])
        #expect(LexicalTerms.terms("退款") == ["退", "款", "退款"])
        #expect(LexicalTerms.terms("ＡＢＣ12 退货") == ["abc12", "退", "货", "退货"])
    }

    @Test("BM25 ranks the document that holds the rare terms first")
    func bm25() {
        let index = LexicalIndex(documents: ["如何开具发票", "退款多久到账", "退货运费谁出", "the kettle switches off before boiling"])
        #expect(index.search("退款什么时候到账", limit: 2).first?.document == 1)
        #expect(index.search("kettle turns off", limit: 1).first?.document == 3)
        #expect(index.search("zzz", limit: 3).isEmpty)
    }

    @Test("int8 vectors keep the cosine within 0.01 of the float one")
    func quantizedCosine() throws {
        var random = SplitMix64(seed: 7)
        var index = VectorIndex(dimension: 64)
        var vectors: [[Float]] = []
        for _ in 0..<50 {
            let v = (0..<64).map { _ in Float.random(in: -1...1, using: &random) }
            vectors.append(v)
            try index.append(v)
        }
        let query = (0..<64).map { _ in Float.random(in: -1...1, using: &random) }
        let similarities = try index.similarities(query)
        func cosine(_ a: [Float], _ b: [Float]) -> Float {
            zip(a, b).map(*).reduce(0, +) / (a.map { $0 * $0 }.reduce(0, +).squareRoot() * b.map { $0 * $0 }.reduce(0, +).squareRoot())
        }
        for (v, s) in zip(vectors, similarities) { #expect(abs(cosine(v, query) - s) < 0.01) }
        #expect(throws: VectorIndexError.wrongDimension(3, expected: 64)) { try index.append([1, 2, 3]) }
        #expect(throws: VectorIndexError.notAVector) { try index.append([Float](repeating: 0, count: 64)) }
    }

    static func passage(_ id: String, _ language: Language, _ text: String, products: [String] = []) -> Passage {
        Passage(articleID: id, ordinal: 0, language: language, title: id, products: products, text: text)
    }

    @Test("a topic in both languages: each question gets its own language's article first; a topic in one language still wins for the other")
    func languagePreference() throws {
        let passages = [
            Self.passage("pairing-zh", .chinese, "耳机配对方法"), Self.passage("pairing-en", .english, "pairing the earbuds"),
            Self.passage("invoice-en", .english, "company invoice"), Self.passage("kettle-zh", .chinese, "水壶跳闸"),
        ]
        let vectors: [[Float]] = [[1, 0, 0, 0, 0, 0, 0, 0], [1, 0.02, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 0]]
        let index = try KnowledgeIndex(passages: passages, vectors: vectors, embeddingModel: "test", dimension: 8)
        let pairing: [Float] = [1, 0.01, 0, 0, 0, 0, 0.1, 0]
        #expect(try index.search("耳机怎么配对", vector: pairing, language: .chinese).first?.passage.articleID == "pairing-zh")
        #expect(try index.search("how to pair", vector: pairing, language: .english).first?.passage.articleID == "pairing-en")
        #expect(try index.search("耳机 pair 不上", vector: pairing, language: .mixed).first?.passage.articleID == "pairing-zh")
        let invoice: [Float] = [0, 0, 1, 0.1, 0, 0, 0, 0]
        #expect(try index.search("我要开公司发票", vector: invoice, language: .chinese).first?.passage.articleID == "invoice-en")
    }

    @Test("articles about other products are left out; articles about no product stay")
    func productFilter() throws {
        let passages = [
            Self.passage("kettle", .english, "kettle", products: ["KETTLE"]), Self.passage("earbuds", .english, "earbuds", products: ["EARBUDS"]),
            Self.passage("general", .english, "returns"),
        ]
        let vectors: [[Float]] = [[1, 0, 0, 0, 0, 0, 0, 0], [0.9, 0.1, 0, 0, 0, 0, 0, 0], [0.5, 0.5, 0, 0, 0, 0, 0, 0]]
        let index = try KnowledgeIndex(passages: passages, vectors: vectors, embeddingModel: "test", dimension: 8)
        let ids = try index.search("it stopped working", vector: [1, 0, 0, 0, 0, 0, 0, 0], language: .english, products: ["EARBUDS"]).map(\.passage.articleID)
        #expect(ids == ["earbuds", "general"])
    }

    @Test("passages and vectors that disagree are refused")
    func mismatch() {
        #expect(throws: KnowledgeBaseError.self) {
            try KnowledgeIndex(passages: [Self.passage("a", .english, "a")], vectors: [], embeddingModel: "m", dimension: 8)
        }
    }
}
