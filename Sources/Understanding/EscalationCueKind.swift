/// Kinds of text that hand a conversation to a human. Raw values are escalation reason codes.
public enum EscalationCueKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The customer asks for a person (转人工, "talk to a human").
    case humanRequest = "human_request"
    /// Threats of regulators, courts, lawyers, chargebacks or media (12315, 曝光, "sue").
    case legalThreat = "legal_threat"
    /// Injury, fire, smoke, electric shock, food poisoning, allergic reactions.
    case safety
}
