import SupportModel

/// An intent with the probability an analyzer gives it.
public struct IntentScore: Sendable, Hashable, Codable {
    /// The intent.
    public var intent: Intent
    /// Probability, 0...1.
    public var probability: Double

    public init(intent: Intent, probability: Double) {
        self.intent = intent
        self.probability = probability
    }
}
