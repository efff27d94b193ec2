import Synchronization
import SupportModel

/// The knowledge base a process searches: the index of the stored passages, loaded from the
/// storage at start and loaded again when the storage's revision moves (`refreshIfChanged`,
/// called periodically by the worker), so an import reaches running workers without a
/// restart. Searches use whichever index is current; a refresh builds the new one aside and
/// swaps it in.
public final class KnowledgeBase: Sendable {
    public let storage: any KnowledgeBaseStorage
    public let embedder: any TextEmbedder
    private let current: Mutex<(revision: Int64, index: KnowledgeIndex)?>

    public init(storage: any KnowledgeBaseStorage, embedder: any TextEmbedder) {
        self.storage = storage
        self.embedder = embedder
        current = Mutex(nil)
    }

    /// The revision of the loaded index, nil before the first load.
    public var revision: Int64? { current.withLock { $0?.revision } }
    /// Passages in the loaded index.
    public var passageCount: Int { current.withLock { $0?.index.passages.count ?? 0 } }
    public var articleCount: Int { current.withLock { $0?.index.articleCount ?? 0 } }

    /// Loads the index when it was never loaded or the stored revision moved; returns whether
    /// it loaded. Passages without a vector of this encoder are left out (`kb import` embeds
    /// them).
    @discardableResult
    public func refreshIfChanged() async throws -> Bool {
        let stored = try await storage.revision()
        if let loaded = revision, loaded == stored { return false }
        let snapshot = try await storage.snapshot(embeddingModel: embedder.embeddingModel)
        let index = try KnowledgeIndex(
            passages: snapshot.passages, vectors: snapshot.vectors, embeddingModel: embedder.embeddingModel,
            dimension: embedder.dimension)
        current.withLock { value in
            if value == nil || value!.revision < snapshot.revision { value = (snapshot.revision, index) }
        }
        return true
    }

    /// The best `limit` articles for `question` (one passage each). Empty until loaded.
    public func search(
        _ question: String, language: Language, products: Set<String> = [], limit: Int = 5
    ) async throws -> [RetrievalResult] {
        guard let index = current.withLock({ $0?.index }), !index.passages.isEmpty else { return [] }
        let vector = try await embedder.embed([question], as: .query)[0]
        return try index.search(question, vector: vector, language: language, products: products, limit: limit)
    }
}
