import SupportModel

/// Classifies the sentiment of a message. A Transformer classifier implements this in a
/// later issue; `HybridAnalyzer` uses it in place of the rules' sentiment.
public protocol SentimentClassifier: Sendable {
    /// The sentiment of `text`, with the probability of its label as the score.
    func classifySentiment(_ text: String, language: Language) async throws -> Sentiment
}
