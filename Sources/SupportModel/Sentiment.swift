/// Polarity of a customer message. Raw values are a contract.
public enum SentimentLabel: String, Sendable, Hashable, Codable, CaseIterable {
    case negative
    case neutral
    case positive
}

/// A sentiment label with its score: the model's probability of the label, in 0...1.
public struct Sentiment: Sendable, Hashable, Codable {
    /// The label.
    public var label: SentimentLabel
    /// Confidence in `label`, 0...1.
    public var score: Double

    public init(label: SentimentLabel, score: Double) {
        self.label = label
        self.score = score
    }
}
