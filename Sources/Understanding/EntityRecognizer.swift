import SupportModel

/// Finds entities in a message, e.g. a token-classification model for products. Offsets
/// are Unicode scalars of `text`, like `Entity`'s.
public protocol EntityRecognizer: Sendable {
    /// The entity types this recognizer is responsible for; the rules' entities of these
    /// types are replaced by its own.
    var entityTypes: Set<EntityType> { get }

    /// The entities of `entityTypes` in `text`.
    func recognizeEntities(_ text: String, language: Language) async throws -> [Entity]
}
