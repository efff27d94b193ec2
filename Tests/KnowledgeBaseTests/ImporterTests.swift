import KnowledgeBase
import Synchronization
import SupportModel
import Testing

/// Storage in memory, with the same contract as the PostgreSQL one.
final class MemoryStorage: KnowledgeBaseStorage {
    struct Row {
        var article: Article
        var passages: [Passage]
        var vectors: [String: [[Float]]]
    }
    let state = Mutex<(revision: Int64, rows: [String: Row])>((0, [:]))

    func storedArticles(embeddingModel: String) async throws -> [StoredArticle] {
        state.withLock { s in
            s.rows.values.sorted { $0.article.id < $1.article.id }.map {
                StoredArticle(article: $0.article, hasEmbeddings: $0.vectors[embeddingModel]?.count == $0.passages.count)
            }
        }
    }

    func save(_ article: Article, passages: [Passage], vectors: [[Float]], embeddingModel: String) async throws {
        state.withLock { s in
            s.rows[article.id] = Row(article: article, passages: passages, vectors: [embeddingModel: vectors])
            s.revision += 1
        }
    }

    func snapshot(embeddingModel: String) async throws -> KnowledgeBaseSnapshot {
        state.withLock { s in
            var snapshot = KnowledgeBaseSnapshot(revision: s.revision, passages: [], vectors: [], missingEmbeddings: 0)
            for row in s.rows.values.sorted(by: { $0.article.id < $1.article.id }) {
                guard let vectors = row.vectors[embeddingModel] else {
                    snapshot.missingEmbeddings += row.passages.count
                    continue
                }
                snapshot.passages += row.passages
                snapshot.vectors += vectors
            }
            return snapshot
        }
    }

    func revision() async throws -> Int64 { state.withLock { $0.revision } }
}

/// A stand-in encoder for the importer's bookkeeping (which texts get embedded, how often):
/// the vector counts letters a–h of the text. Retrieval quality is tested with the real
/// encoder elsewhere.
final class CountingEmbedder: TextEmbedder {
    let embeddingModel: String
    let dimension = 8
    let embedded = Mutex<[String]>([])

    init(model: String = "letters-v1") { embeddingModel = model }

    func embed(_ texts: [String], as kind: EmbeddingKind) async throws -> [[Float]] {
        if kind == .passage { embedded.withLock { $0 += texts } }
        return texts.map { text in
            var v = [Float](repeating: 0.01, count: 8)
            for scalar in text.lowercased().unicodeScalars where ("a"..."h").contains(scalar) {
                v[Int(scalar.value - 97)] += 1
            }
            return v
        }
    }
}

@Suite("Importing articles and refreshing the index")
struct ImporterTests {
    static func article(_ id: String, _ body: String, updated: String = "2026-11-01") -> Article {
        Article(id: id, language: .english, category: "faq", title: id, products: [], body: body, updatedAt: updated)
    }

    @Test("new articles are embedded, unchanged ones are not, changed ones again; another encoder embeds everything again")
    func importsOnlyWhatChanged() async throws {
        let storage = MemoryStorage()
        let embedder = CountingEmbedder()
        let importer = KnowledgeBaseImporter(storage: storage, embedder: embedder)
        var summary = try await importer.importArticles([Self.article("a", "aaa"), Self.article("b", "bbb")])
        #expect(summary.added == 2 && summary.passagesEmbedded == 2)

        summary = try await importer.importArticles([Self.article("a", "aaa"), Self.article("b", "bbb ccc", updated: "2026-11-05")])
        #expect(summary.unchanged == 1 && summary.changed == 1 && summary.reembedded == 0)
        #expect(embedder.embedded.withLock { $0 } == ["a\naaa", "b\nbbb", "b\nbbb ccc"])

        let other = KnowledgeBaseImporter(storage: storage, embedder: CountingEmbedder(model: "letters-v2"))
        summary = try await other.importArticles([Self.article("a", "aaa"), Self.article("b", "bbb ccc", updated: "2026-11-05")])
        #expect(summary.unchanged == 2 && summary.reembedded == 2)
    }

    @Test("a knowledge base loads at first use and again only when the revision moved, so imports reach it without a restart")
    func refreshes() async throws {
        let storage = MemoryStorage()
        let embedder = CountingEmbedder()
        let knowledgeBase = KnowledgeBase(storage: storage, embedder: embedder)
        #expect(try await knowledgeBase.search("aaa", language: .english).isEmpty)
        #expect(try await knowledgeBase.refreshIfChanged())
        #expect(knowledgeBase.passageCount == 0)
        #expect(try await !knowledgeBase.refreshIfChanged())

        _ = try await KnowledgeBaseImporter(storage: storage, embedder: embedder).importArticles([
            Self.article("apples", "a apple a day"), Self.article("cheese", "cheddar cheese"),
        ])
        #expect(try await knowledgeBase.refreshIfChanged())
        #expect(knowledgeBase.articleCount == 2)
        let results = try await knowledgeBase.search("cheddar", language: .english)
        #expect(results.first?.passage.articleID == "cheese")
    }
}
