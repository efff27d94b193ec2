/// How fast an agent must pick an escalation up. Ordered: `urgent` is the highest.
public enum EscalationPriority: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low, normal, high, urgent

    private var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        }
    }

    public static func < (lhs: EscalationPriority, rhs: EscalationPriority) -> Bool { lhs.rank < rhs.rank }
}
