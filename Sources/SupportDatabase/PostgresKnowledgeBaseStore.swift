import JSONSchema
import KnowledgeBase
import Postgres
import SupportModel

/// The knowledge base in PostgreSQL (`kb_articles`, `kb_passages`, `kb_embeddings`,
/// `kb_state`, migration 0003).
public struct PostgresKnowledgeBaseStore: KnowledgeBaseStorage {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func storedArticles(embeddingModel: String) async throws -> [StoredArticle] {
        let rows = try await pool.query(
            """
            SELECT a.id, a.language, a.category, a.title, a.products::text AS products, a.body, a.updated_at,
                   (SELECT count(*) FROM kb_passages p WHERE p.article_id = a.id) AS passages,
                   (SELECT count(*) FROM kb_embeddings e WHERE e.article_id = a.id AND e.model = $1) AS embedded
            FROM kb_articles a ORDER BY a.id
            """, [.text(embeddingModel)])
        return try rows.map { row in
            let passages: Int64 = try row.decode(column: "passages")
            let embedded: Int64 = try row.decode(column: "embedded")
            return StoredArticle(article: try Self.article(row), hasEmbeddings: passages > 0 && embedded == passages)
        }
    }

    public func save(_ article: Article, passages: [Passage], vectors: [[Float]], embeddingModel: String) async throws {
        precondition(passages.count == vectors.count, "one vector per passage")
        try await pool.withTransaction { db in
            try await db.execute(
                """
                INSERT INTO kb_articles (id, language, category, title, products, body, updated_at)
                VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
                ON CONFLICT (id) DO UPDATE SET language = excluded.language, category = excluded.category,
                    title = excluded.title, products = excluded.products, body = excluded.body,
                    updated_at = excluded.updated_at, imported_at = now()
                """,
                [.text(article.id), .text(article.language.rawValue), .text(article.category), .text(article.title),
                 .text(JSONValue.array(article.products.map(JSONValue.string)).serialized()), .text(article.body),
                 .text(article.updatedAt)])
            try await db.execute("DELETE FROM kb_passages WHERE article_id = $1", [.text(article.id)])
            for (passage, vector) in zip(passages, vectors) {
                try await db.execute(
                    "INSERT INTO kb_passages (article_id, ordinal, text) VALUES ($1, $2, $3)",
                    [.text(article.id), .int32(Int32(passage.ordinal)), .text(passage.text)])
                try await db.execute(
                    "INSERT INTO kb_embeddings (article_id, ordinal, model, dimension, vector) VALUES ($1, $2, $3, $4, $5)",
                    [.text(article.id), .int32(Int32(passage.ordinal)), .text(embeddingModel), .int32(Int32(vector.count)),
                     .bytea(Self.bytes(vector))])
            }
            try await db.execute("UPDATE kb_state SET revision = revision + 1")
        }
    }

    public func snapshot(embeddingModel: String) async throws -> KnowledgeBaseSnapshot {
        try await pool.withTransaction(isolation: .repeatableRead) { db in
            let revision: Int64 = try await db.query("SELECT revision FROM kb_state")[0].decode(column: "revision")
            var articles: [String: Article] = [:]
            for row in try await db.query(
                "SELECT id, language, category, title, products::text AS products, body, updated_at FROM kb_articles")
            {
                let article = try Self.article(row)
                articles[article.id] = article
            }
            let rows = try await db.query(
                """
                SELECT p.article_id, p.ordinal, p.text, e.vector
                FROM kb_passages p
                LEFT JOIN kb_embeddings e ON e.article_id = p.article_id AND e.ordinal = p.ordinal AND e.model = $1
                ORDER BY p.article_id, p.ordinal
                """, [.text(embeddingModel)])
            var snapshot = KnowledgeBaseSnapshot(revision: revision, passages: [], vectors: [], missingEmbeddings: 0)
            for row in rows {
                let id: String = try row.decode(column: "article_id")
                guard let article = articles[id], let bytes: [UInt8] = try row.decode(column: "vector") else {
                    snapshot.missingEmbeddings += 1
                    continue
                }
                snapshot.passages.append(Passage(
                    articleID: id, ordinal: Int(try row.decode(column: "ordinal", as: Int32.self)), language: article.language,
                    title: article.title, products: article.products, text: try row.decode(column: "text")))
                snapshot.vectors.append(Self.floats(bytes))
            }
            return snapshot
        }
    }

    public func revision() async throws -> Int64 {
        try await pool.query("SELECT revision FROM kb_state")[0].decode(column: "revision")
    }

    static func article(_ row: PostgresRow) throws -> Article {
        let id: String = try row.decode(column: "id")
        let code: String = try row.decode(column: "language")
        guard let language = Language(rawValue: code) else {
            throw KnowledgeBaseError.invalid("article \(id) has language \(code)")
        }
        let productsJSON: String = try row.decode(column: "products")
        guard case .array(let items) = try JSONValue.parse(productsJSON) else {
            throw KnowledgeBaseError.invalid("article \(id): products is not a list")
        }
        return Article(
            id: id, language: language, category: try row.decode(column: "category"), title: try row.decode(column: "title"),
            products: items.compactMap(\.stringValue), body: try row.decode(column: "body"),
            updatedAt: try row.decode(column: "updated_at"))
    }

    static func bytes(_ vector: [Float]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(vector.count * 4)
        for value in vector { withUnsafeBytes(of: value.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    static func floats(_ bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count - 3, by: 4).map { i in
            Float(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        }
    }
}
