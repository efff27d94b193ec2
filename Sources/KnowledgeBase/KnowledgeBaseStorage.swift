/// Where the knowledge base is kept (PostgreSQL in production, memory in tests).
public protocol KnowledgeBaseStorage: Sendable {
    /// Every stored article, with whether its passages have embeddings of `embeddingModel`.
    func storedArticles(embeddingModel: String) async throws -> [StoredArticle]
    /// Replaces one article with its passages and their vectors, in one transaction that also
    /// moves the revision.
    func save(_ article: Article, passages: [Passage], vectors: [[Float]], embeddingModel: String) async throws
    /// Everything retrieval needs: the passages (in a stable order) with their vectors of
    /// `embeddingModel`, and the revision they belong to. Passages without such a vector are
    /// left out (`missingEmbeddings` counts them).
    func snapshot(embeddingModel: String) async throws -> KnowledgeBaseSnapshot
    /// A number that grows with every change.
    func revision() async throws -> Int64
}

public struct StoredArticle: Sendable, Hashable {
    public var article: Article
    public var hasEmbeddings: Bool

    public init(article: Article, hasEmbeddings: Bool) {
        self.article = article
        self.hasEmbeddings = hasEmbeddings
    }
}

public struct KnowledgeBaseSnapshot: Sendable {
    public var revision: Int64
    public var passages: [Passage]
    public var vectors: [[Float]]
    public var missingEmbeddings: Int

    public init(revision: Int64, passages: [Passage], vectors: [[Float]], missingEmbeddings: Int) {
        self.revision = revision
        self.passages = passages
        self.vectors = vectors
        self.missingEmbeddings = missingEmbeddings
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    public var added = 0
    public var changed = 0
    public var unchanged = 0
    /// Unchanged articles embedded again because the encoder changed.
    public var reembedded = 0
    public var passagesEmbedded = 0

    public init() {}

    public var description: String {
        "\(added) added, \(changed) changed, \(unchanged) unchanged (\(reembedded) of them embedded again), "
            + "\(passagesEmbedded) passages embedded"
    }
}

/// Imports articles: new and changed ones are split into passages, embedded and saved;
/// unchanged ones (same content) are left alone unless their embeddings of this encoder are
/// missing. Each article is saved in its own transaction, so a failed import keeps what it
/// finished and the next run continues.
public struct KnowledgeBaseImporter: Sendable {
    public let storage: any KnowledgeBaseStorage
    public let embedder: any TextEmbedder
    public var splitter: PassageSplitter

    public init(storage: any KnowledgeBaseStorage, embedder: any TextEmbedder, splitter: PassageSplitter = PassageSplitter()) {
        self.storage = storage
        self.embedder = embedder
        self.splitter = splitter
    }

    public func importArticles(_ articles: [Article]) async throws -> ImportSummary {
        let stored = Dictionary(
            try await storage.storedArticles(embeddingModel: embedder.embeddingModel).map { ($0.article.id, $0) },
            uniquingKeysWith: { first, _ in first })
        var summary = ImportSummary()
        for article in articles {
            let previous = stored[article.id]
            if let previous, previous.article == article {
                summary.unchanged += 1
                if previous.hasEmbeddings { continue }
                summary.reembedded += 1
            } else if previous == nil {
                summary.added += 1
            } else {
                summary.changed += 1
            }
            let passages = splitter.passages(of: article)
            let vectors = try await embedder.embed(passages.map(\.indexedText), as: .passage)
            guard vectors.count == passages.count, vectors.allSatisfy({ $0.count == embedder.dimension }) else {
                throw KnowledgeBaseError.invalid("the encoder returned \(vectors.count) vectors for \(passages.count) passages")
            }
            try await storage.save(article, passages: passages, vectors: vectors, embeddingModel: embedder.embeddingModel)
            summary.passagesEmbedded += passages.count
        }
        return summary
    }
}
