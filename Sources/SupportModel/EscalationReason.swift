/// Why a conversation goes to a human. Raw values are a contract (escalation events).
public enum EscalationReason: String, Sendable, Hashable, Codable, CaseIterable {
    case humanRequest = "human_request"
    case legalThreat = "legal_threat"
    case safety
    case strongNegative = "strong_negative"
    case repeatedContact = "repeated_contact"
    case lowConfidence = "low_confidence"
    case manualReview = "manual_review"
    case vipCustomer = "vip_customer"
    case highOrderValue = "high_order_value"
    /// The worker failed on the message and hands it to a person instead of dropping it. Never
    /// given by the configurable rules: the pipeline adds it.
    case processingError = "processing_error"
}
