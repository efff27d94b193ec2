import SupportModel

/// The claimed state of the goods, from condition phrases ("没拆封", "I dropped it"), negated
/// ones ("没用过" is opened but intact), and for quality intents without such a phrase, the
/// intent itself (a defect report claims `defective`). Only intents whose policy reads the
/// condition get one: returns, refunds, exchanges and quality problems.
struct ConditionDetector: Sendable {
    /// When phrases claim several conditions, the first of these wins: the customer's own
    /// damage outweighs a defect claim, a defect outweighs use, use outweighs opening.
    static let precedence: [ClaimedCondition] = [
        .damagedByCustomer, .wrongItem, .missingPart, .defective, .used, .openedIntact, .unopened,
    ]

    static let intentsWithCondition: Set<Intent> = [
        .returnRequest, .refundRequest, .exchangeRequest, .damagedOrDefective, .wrongOrMissingItem,
    ]

    func detect(effects: [[CueEffect]], intent: Intent) -> ClaimedCondition? {
        guard ConditionDetector.intentsWithCondition.contains(intent) else { return nil }
        var found = Set<ClaimedCondition>()
        var missing = false
        for list in effects {
            for effect in list {
                if case .condition(let condition) = effect { found.insert(condition) }
                if case .feature(.missing) = effect { missing = true }
            }
        }
        if let first = ConditionDetector.precedence.first(where: found.contains) { return first }
        switch intent {
        case .damagedOrDefective: return .defective
        case .wrongOrMissingItem: return missing ? .missingPart : .wrongItem
        default: return nil
        }
    }
}
