import SupportModel

extension Intent {
    /// Whether the intent asks for no remedy (rule 9): the decision is `none` with facts.
    var asksForNoRemedy: Bool {
        switch self {
        case .orderStatus, .shippingDelay, .productUsage, .invoice, .complaint, .chitchat, .changeOrder, .humanAgent:
            true
        default:
            false
        }
    }
}
