import Foundation
import KnowledgeBase
import Logging
import Postgres
import SupportDatabase
import SupportModel
import SupportTools
import Testing
import TestSupport
import TransformerUnderstanding

/// The help centre in PostgreSQL, embedded by the shipped model's e5 layers, searched by the
/// questions of `training/data/kb/questions.jsonl` (written apart from the articles' titles,
/// the way customers type).
@Suite("Knowledge base in PostgreSQL with the shipped encoder", .enabled(if: TestPostgres.enabled, Comment(rawValue: TestPostgres.skipReason)))
struct KnowledgeBaseRetrievalTests {
    @Test("imports the demo articles once, finds the right article for customers' questions, and sees a changed article without a restart")
    func importSearchRefresh() async throws {
        let (url, name) = try await TestPostgres.createDatabase(prefix: "kb")
        let pool = try PostgresPool(configuration: PostgresConfiguration(url: url))
        let engine = try UnderstandingEngine(settings: {
            var settings = UnderstandingSettings()
            settings.choice = .model(directory: RepositoryPaths.path("assets/models/understanding"))
            return settings
        }())
        defer {
            engine.shutDown()
            Task {
                await pool.close()
                await TestPostgres.dropDatabase(name)
            }
        }
        try await DatabaseMigrator(logger: .disabled).migrate(pool)
        var embedder = try #require(engine.retrievalEmbedder)
        embedder.timeout = .seconds(600)  // a debug build on a busy machine is slow
        let storage = PostgresKnowledgeBaseStore(pool: pool)
        let importer = KnowledgeBaseImporter(storage: storage, embedder: embedder)

        let file = ArticleFile(text: try String(contentsOfFile: RepositoryPaths.path("demo/kb/articles.jsonl"), encoding: .utf8))
        let first = try await importer.importArticles(file.articles)
        #expect(first.added == 64 && first.passagesEmbedded > 64)
        let again = try await importer.importArticles(file.articles)
        #expect(again.unchanged == 64 && again.passagesEmbedded == 0)

        let knowledgeBase = KnowledgeBase(storage: storage, embedder: embedder)
        #expect(try await knowledgeBase.refreshIfChanged())
        #expect(knowledgeBase.articleCount == 64)

        let questions = try KnowledgeBaseQuestion.read(
            try String(contentsOfFile: RepositoryPaths.path("training/data/kb/questions.jsonl"), encoding: .utf8))
        let evaluation = try await RetrievalEvaluation.run(questions, language: { _ in .chinese }) { text, language in
            try await knowledgeBase.search(text, language: language)
        }
        print(evaluation.report())
        // Measured with a release build (`support-worker eval-kb`): recall@1 0.832, recall@5 0.977.
        #expect(evaluation.overall.questions >= 250)
        #expect(evaluation.overall.recallAt5 >= 0.93)
        #expect(evaluation.overall.recallAt1 >= 0.78)

        // An edited article reaches the loaded index at the next refresh.
        var edited = try #require(file.articles.first { $0.id == "kb-invoice-en" })
        edited.body += "\n\nCompany invoices can also be sent to a second e-mail address on request (reference ZX-4471)."
        edited.updatedAt = "2026-12-08"
        let third = try await importer.importArticles([edited])
        #expect(third.changed == 1)
        #expect(try await knowledgeBase.refreshIfChanged())
        let results = try await knowledgeBase.search("second e-mail address for the company invoice ZX-4471", language: .english)
        #expect(results.first?.passage.articleID == "kb-invoice-en")
        #expect(results.first?.passage.text.contains("ZX-4471") == true)
    }
}
