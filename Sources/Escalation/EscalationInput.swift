import SupportModel

/// The facts the escalation rules look at, gathered by the pipeline from the understanding of
/// the message, the conversation, the customer and the policy decision. Plain values, so the
/// rules stay pure and are tested without models or a database.
public struct EscalationInput: Sendable, Hashable {
    /// Cues found in the text.
    public var asksForHuman: Bool
    public var legalThreat: Bool
    public var safetyIssue: Bool
    /// Sentiment of the message.
    public var sentimentIsNegative: Bool
    public var sentimentScore: Double
    /// Confidence of the intent, 0...1.
    public var intentConfidence: Double
    /// How many times in a row the customer raised the problem the bot already answered
    /// (0 the first time).
    public var repeatCount: Int
    /// The policy sent the request to manual review.
    public var policyManualReview: Bool
    /// The message asks for a remedy (refund, return, exchange, cancellation, …).
    public var asksForRemedy: Bool
    /// Customer tier.
    public var customerTier: CustomerTier
    /// Value of the order concerned (what was paid for its lines); nil when no order.
    public var orderValue: Money?

    public init(
        asksForHuman: Bool = false, legalThreat: Bool = false, safetyIssue: Bool = false,
        sentimentIsNegative: Bool = false, sentimentScore: Double = 0, intentConfidence: Double = 1,
        repeatCount: Int = 0, policyManualReview: Bool = false, asksForRemedy: Bool = false,
        customerTier: CustomerTier = .regular, orderValue: Money? = nil
    ) {
        self.asksForHuman = asksForHuman
        self.legalThreat = legalThreat
        self.safetyIssue = safetyIssue
        self.sentimentIsNegative = sentimentIsNegative
        self.sentimentScore = sentimentScore
        self.intentConfidence = intentConfidence
        self.repeatCount = repeatCount
        self.policyManualReview = policyManualReview
        self.asksForRemedy = asksForRemedy
        self.customerTier = customerTier
        self.orderValue = orderValue
    }
}

/// The rules' answer: hand over, why, and how urgently.
public struct EscalationVerdict: Sendable, Hashable {
    /// Every trigger that fired, in the configuration's order.
    public var reasons: [EscalationReason]
    /// The highest priority among them.
    public var priority: EscalationPriority

    public init(reasons: [EscalationReason], priority: EscalationPriority) {
        self.reasons = reasons
        self.priority = priority
    }
}
