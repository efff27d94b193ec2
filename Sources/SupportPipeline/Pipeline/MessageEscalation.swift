import Escalation
import SupportModel
import Understanding

/// The escalation facts a message gives by itself, before the conversation, the customer, the
/// order and the policy decision add theirs. Shared by the pipeline and `support-worker
/// analyze`, so both judge a message alike.
public enum MessageEscalation {
    /// The intent confidence from which a `human_agent` intent counts as asking for a person
    /// even without an explicit cue.
    static let humanAgentIntentConfidence = 0.5

    /// The message's own facts; the rest of the input keeps its neutral defaults. `intent` is
    /// the intent the pipeline settled on (a follow-up may carry the conversation's).
    public static func input(from analysis: MessageAnalysis, intent: Intent? = nil) -> EscalationInput {
        EscalationInput(
            asksForHuman: analysis.hasCue(.humanRequest)
                || ((intent ?? analysis.intent) == .humanAgent && analysis.intentConfidence >= humanAgentIntentConfidence),
            legalThreat: analysis.hasCue(.legalThreat),
            safetyIssue: analysis.hasCue(.safety),
            sentimentIsNegative: analysis.sentiment.label == .negative,
            sentimentScore: analysis.sentiment.score,
            intentConfidence: analysis.intentConfidence)
    }

    /// The reason codes `rules` give the message alone, highest priority first; empty when it
    /// would not escalate by itself.
    public static func reasons(for analysis: MessageAnalysis, rules: EscalationRules) -> [String] {
        rules.evaluate(input(from: analysis))?.reasons.map(\.rawValue) ?? []
    }
}
