import Foundation
import SupportModel

/// The result of applying the policy to one case. Its JSON form is the output format of
/// `support-worker decide` (`Schemas/policy-decision.schema.json`).
public struct PolicyDecision: Sendable, Hashable, Codable {
    /// The case id, echoed.
    public var caseId: String?
    /// The outcome.
    public var outcome: PolicyOutcome
    /// The refund, in minor units of `currency`; for `manual_review` the amount that would have
    /// been approved; zero where there is none.
    public var refundMinor: Int64
    /// The order's currency; nil when no order of the customer's is known.
    public var currency: String?
    /// Who pays for sending goods back; nil when nothing is sent back.
    public var returnShippingPaidBy: ShippingPayer?
    /// Named deadlines for the reply ("ship the item back by").
    public var deadlines: [DeadlineName: Date]
    /// Why, in the order the rules gave them.
    public var reasonCodes: [ReasonCode]
    /// The rules that fired, in order.
    public var ruleIds: [RuleID]
    /// The `policy_version` of the policy document that decided.
    public var policyVersion: String
    /// Each reason code with its Chinese and English sentence.
    public var reasons: [DecisionReason]
    /// The lines covered, with units and refund per line.
    public var lines: [DecisionLine]
    /// The part of `refundMinor` that is the shipping fee.
    public var shippingFeeRefundMinor: Int64
    /// Order facts for the reply; nil when the order is unknown or not the customer's.
    public var facts: DecisionFacts?

    /// A decision.
    public init(
        caseId: String?, outcome: PolicyOutcome, refundMinor: Int64, currency: String?,
        returnShippingPaidBy: ShippingPayer?, deadlines: [DeadlineName: Date], reasonCodes: [ReasonCode],
        ruleIds: [RuleID], policyVersion: String, reasons: [DecisionReason], lines: [DecisionLine],
        shippingFeeRefundMinor: Int64, facts: DecisionFacts?
    ) {
        self.caseId = caseId
        self.outcome = outcome
        self.refundMinor = refundMinor
        self.currency = currency
        self.returnShippingPaidBy = returnShippingPaidBy
        self.deadlines = deadlines
        self.reasonCodes = reasonCodes
        self.ruleIds = ruleIds
        self.policyVersion = policyVersion
        self.reasons = reasons
        self.lines = lines
        self.shippingFeeRefundMinor = shippingFeeRefundMinor
        self.facts = facts
    }

    /// The refund as money, when the currency is known.
    public var refund: Money? { currency.map { Money(minorUnits: refundMinor, currency: $0) } }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case caseId = "case_id"
        case outcome
        case refundMinor = "refund_minor"
        case currency
        case returnShippingPaidBy = "return_shipping_paid_by"
        case deadlines
        case reasonCodes = "reason_codes"
        case ruleIds = "rule_ids"
        case policyVersion = "policy_version"
        case reasons
        case lines
        case shippingFeeRefundMinor = "shipping_fee_refund_minor"
        case facts
    }

    private struct NameKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Reads a decision in the decision format.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        caseId = try container.decodeIfPresent(String.self, forKey: .caseId)
        outcome = try container.decode(PolicyOutcome.self, forKey: .outcome)
        refundMinor = try container.decode(Int64.self, forKey: .refundMinor)
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        returnShippingPaidBy = try container.decodeIfPresent(ShippingPayer.self, forKey: .returnShippingPaidBy)
        let deadlineContainer = try container.nestedContainer(keyedBy: NameKey.self, forKey: .deadlines)
        var deadlines: [DeadlineName: Date] = [:]
        for key in deadlineContainer.allKeys {
            deadlines[DeadlineName(rawValue: key.stringValue)] = try deadlineContainer.decodeTimestamp(forKey: key)
        }
        self.deadlines = deadlines
        reasonCodes = try container.decode([ReasonCode].self, forKey: .reasonCodes)
        ruleIds = try container.decode([RuleID].self, forKey: .ruleIds)
        policyVersion = try container.decode(String.self, forKey: .policyVersion)
        reasons = try container.decodeIfPresent([DecisionReason].self, forKey: .reasons) ?? []
        lines = try container.decodeIfPresent([DecisionLine].self, forKey: .lines) ?? []
        shippingFeeRefundMinor = try container.decodeIfPresent(Int64.self, forKey: .shippingFeeRefundMinor) ?? 0
        facts = try container.decodeIfPresent(DecisionFacts.self, forKey: .facts)
    }

    /// Writes the decision in the decision format: fields in a fixed order, deadlines sorted by
    /// name, so equal decisions give equal bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseId, forKey: .caseId)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(refundMinor, forKey: .refundMinor)
        try container.encode(currency, forKey: .currency)
        try container.encode(returnShippingPaidBy, forKey: .returnShippingPaidBy)
        var deadlineContainer = container.nestedContainer(keyedBy: NameKey.self, forKey: .deadlines)
        for (name, instant) in deadlines.sorted(by: { $0.key < $1.key }) {
            try deadlineContainer.encodeTimestamp(instant, forKey: NameKey(stringValue: name.rawValue))
        }
        try container.encode(reasonCodes, forKey: .reasonCodes)
        try container.encode(ruleIds, forKey: .ruleIds)
        try container.encode(policyVersion, forKey: .policyVersion)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(lines, forKey: .lines)
        try container.encode(shippingFeeRefundMinor, forKey: .shippingFeeRefundMinor)
        try container.encode(facts, forKey: .facts)
    }
}
