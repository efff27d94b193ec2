import SupportModel

/// The refund and return policy engine: a pure function from a case to a decision.
///
/// Every number comes from the policy document; the time is the case's `now`. The engine does
/// no I/O and reads no clock, so the same case always gives the same decision.
public struct PolicyEngine: Sendable {
    /// The policy applied.
    public let policy: RefundPolicyDocument
    private let knownCategories: Set<ProductCategory>

    /// An engine applying `policy` (checked with `RefundPolicyDocument.validate()` by whoever
    /// loaded it; a reason code the catalogue lacks is worded by its code).
    public init(policy: RefundPolicyDocument) {
        self.policy = policy
        self.knownCategories = Set(policy.categories)
    }

    /// The decision for `policyCase`.
    public func decide(_ policyCase: PolicyCase) -> PolicyDecision {
        let verdict = CaseEvaluation(policy: policy, knownCategories: knownCategories, policyCase: policyCase)
            .evaluate()
        let order = verdict.revealsOrder ? policyCase.order : nil
        let reasonCodes = Self.unique(verdict.reasons)
        return PolicyDecision(
            caseID: policyCase.caseID,
            outcome: verdict.outcome,
            refund: order.map { verdict.refund(in: $0.currency) },
            returnShippingPaidBy: verdict.payer,
            deadlines: verdict.deadlines,
            reasonCodes: reasonCodes,
            ruleIDs: Self.unique(verdict.rules),
            policyVersion: policy.policyVersion,
            reasons: reasonCodes.map { code in
                let wording = policy.wording(for: code) ?? ReasonWording(zh: code.rawValue, en: code.rawValue)
                return DecisionReason(code: code, zh: wording.zh, en: wording.en)
            },
            lines: verdict.lines,
            shippingFeeRefund: order.map { verdict.shippingFee ?? .zero($0.currency) },
            facts: order.map { facts(of: $0, request: policyCase.request) })
    }

    private func facts(of order: OrderSnapshot, request: PolicyRequest) -> DecisionFacts {
        let lineNumbers = request.lineNos.map(Set.init)
        return DecisionFacts(
            orderID: order.id, orderStatus: order.status, carrier: order.carrier, trackingNumber: order.trackingNumber,
            carrierStatus: order.carrierStatus, paidAt: order.paidAt, shippedAt: order.shippedAt,
            deliveredAt: order.deliveredAt, promisedDeliveryBy: order.promisedDeliveryBy,
            openRefunds: order.openRefunds.filter { refund in
                guard let lineNumbers, let lineNo = refund.lineNo else { return true }
                return lineNumbers.contains(lineNo)
            })
    }

    private static func unique<Element: Hashable>(_ elements: [Element]) -> [Element] {
        var seen: Set<Element> = []
        return elements.filter { seen.insert($0).inserted }
    }
}
