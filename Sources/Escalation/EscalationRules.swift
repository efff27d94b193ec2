import SupportModel

/// Decides whether a message goes to a human. Pure: the same input and configuration always
/// give the same verdict.
public struct EscalationRules: Sendable {
    public var configuration: EscalationConfiguration

    public init(configuration: EscalationConfiguration = .standard) {
        self.configuration = configuration
    }

    /// The verdict for `input`, or nil when the bot may answer on its own.
    public func evaluate(_ input: EscalationInput) -> EscalationVerdict? {
        let c = configuration
        var fired: [(EscalationReason, EscalationPriority)] = []
        func check(_ trigger: EscalationConfiguration.Trigger, _ reason: EscalationReason, _ condition: Bool) {
            if trigger.enabled && condition { fired.append((reason, trigger.priority)) }
        }
        check(c.safety, .safety, input.safetyIssue)
        check(c.legalThreat, .legalThreat, input.legalThreat)
        check(c.humanRequest, .humanRequest, input.asksForHuman)
        check(
            c.strongNegative, .strongNegative,
            input.sentimentIsNegative && input.sentimentScore >= c.strongNegativeMinimumScore)
        check(c.repeatedContact, .repeatedContact, input.repeatCount >= c.repeatedContactAfter)
        check(c.lowConfidence, .lowConfidence, input.intentConfidence < c.lowConfidenceBelow)
        check(c.manualReview, .manualReview, input.policyManualReview)
        check(c.vipCustomer, .vipCustomer, input.asksForRemedy && c.vipTiers.contains(input.customerTier))
        let overLimit: Bool = {
            guard let value = input.orderValue, let limit = c.highOrderValueLimits[value.currency] else { return false }
            return value > limit
        }()
        check(c.highOrderValue, .highOrderValue, input.asksForRemedy && overLimit)
        guard let top = fired.map(\.1).max() else { return nil }
        return EscalationVerdict(reasons: fired.map(\.0), priority: top)
    }
}
