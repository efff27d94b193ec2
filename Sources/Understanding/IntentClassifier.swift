import SupportModel

/// Classifies the intent of a message. A Transformer sequence classifier implements this in
/// a later issue; `HybridAnalyzer` uses it in place of the rules' intent.
public protocol IntentClassifier: Sendable {
    /// Probabilities of intents for `text`, most likely first. They need not cover every
    /// intent; each is in 0...1.
    func classifyIntent(_ text: String, language: Language) async throws -> [IntentScore]
}
