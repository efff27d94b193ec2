import Foundation
import SupportModel

/// The result of applying the policy to one case. Its JSON form is the output format of
/// `support-worker decide` (`Schemas/policy-decision.schema.json`).
public struct PolicyDecision: Sendable, Hashable, Codable {
    /// The case id, echoed.
    public var caseID: String?
    /// The outcome.
    public var outcome: PolicyOutcome
    /// The refund, in the order's currency; for `manual_review` the amount that would have been
    /// approved; zero where there is none; nil when no order of the customer's is known (the
    /// decision format writes `refund_minor` 0 and `currency` null then).
    public var refund: Money?
    /// Who pays for sending goods back; nil when nothing is sent back.
    public var returnShippingPaidBy: ShippingPayer?
    /// Named deadlines for the reply ("ship the item back by").
    public var deadlines: [DeadlineName: Date]
    /// Why, in the order the rules gave them.
    public var reasonCodes: [ReasonCode]
    /// The rules that fired, in order.
    public var ruleIDs: [RuleID]
    /// The `policy_version` of the policy document that decided.
    public var policyVersion: String
    /// Each reason code with its Chinese and English sentence.
    public var reasons: [DecisionReason]
    /// The lines covered, with units and refund per line.
    public var lines: [DecisionLine]
    /// The part of `refund` that is the shipping fee.
    public var shippingFeeRefund: Money?
    /// Order facts for the reply; nil when the order is unknown or not the customer's.
    public var facts: DecisionFacts?

    /// A decision.
    public init(
        caseID: String?, outcome: PolicyOutcome, refund: Money?,
        returnShippingPaidBy: ShippingPayer?, deadlines: [DeadlineName: Date], reasonCodes: [ReasonCode],
        ruleIDs: [RuleID], policyVersion: String, reasons: [DecisionReason], lines: [DecisionLine],
        shippingFeeRefund: Money?, facts: DecisionFacts?
    ) {
        self.caseID = caseID
        self.outcome = outcome
        self.refund = refund
        self.returnShippingPaidBy = returnShippingPaidBy
        self.deadlines = deadlines
        self.reasonCodes = reasonCodes
        self.ruleIDs = ruleIDs
        self.policyVersion = policyVersion
        self.reasons = reasons
        self.lines = lines
        self.shippingFeeRefund = shippingFeeRefund
        self.facts = facts
    }

    /// The order's currency; nil when no order of the customer's is known.
    public var currency: String? { refund?.currency }

    /// The refund in minor units, zero when there is none.
    public var refundMinorUnits: Int64 { refund?.minorUnits ?? 0 }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case caseID = "case_id"
        case outcome
        case refundMinor = "refund_minor"
        case currency
        case returnShippingPaidBy = "return_shipping_paid_by"
        case deadlines
        case reasonCodes = "reason_codes"
        case ruleIDs = "rule_ids"
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
        caseID = try container.decodeIfPresent(String.self, forKey: .caseID)
        outcome = try container.decode(PolicyOutcome.self, forKey: .outcome)
        let refundMinor = try container.decode(Int64.self, forKey: .refundMinor)
        let currency = try container.decodeIfPresent(String.self, forKey: .currency)
        if let currency {
            refund = Money(minorUnits: refundMinor, currency: currency)
        } else if refundMinor == 0 {
            refund = nil
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .currency, in: container, debugDescription: "a refund of \(refundMinor) needs a currency")
        }
        returnShippingPaidBy = try container.decodeIfPresent(ShippingPayer.self, forKey: .returnShippingPaidBy)
        let deadlineContainer = try container.nestedContainer(keyedBy: NameKey.self, forKey: .deadlines)
        var deadlines: [DeadlineName: Date] = [:]
        for key in deadlineContainer.allKeys {
            deadlines[DeadlineName(rawValue: key.stringValue)] = try deadlineContainer.decodeTimestamp(forKey: key)
        }
        self.deadlines = deadlines
        reasonCodes = try container.decode([ReasonCode].self, forKey: .reasonCodes)
        ruleIDs = try container.decode([RuleID].self, forKey: .ruleIDs)
        policyVersion = try container.decode(String.self, forKey: .policyVersion)
        reasons = try container.decodeIfPresent([DecisionReason].self, forKey: .reasons) ?? []
        var lines: [DecisionLine] = []
        if try container.contains(.lines) && !container.decodeNil(forKey: .lines) {
            var list = try container.nestedUnkeyedContainer(forKey: .lines)
            while !list.isAtEnd {
                guard let currency else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .lines, in: container, debugDescription: "lines with refunds need a currency")
                }
                lines.append(try DecisionLine(from: try list.superDecoder(), currency: currency))
            }
        }
        self.lines = lines
        let shippingFeeMinor = try container.decodeIfPresent(Int64.self, forKey: .shippingFeeRefundMinor) ?? 0
        shippingFeeRefund = currency.map { Money(minorUnits: shippingFeeMinor, currency: $0) }
        if let currency, container.contains(.facts), try !container.decodeNil(forKey: .facts) {
            facts = try DecisionFacts(from: try container.superDecoder(forKey: .facts), currency: currency)
        } else {
            facts = nil
        }
    }

    /// Writes the decision in the decision format: fields in a fixed order, deadlines sorted by
    /// name, so equal decisions give equal bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseID, forKey: .caseID)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(refundMinorUnits, forKey: .refundMinor)
        try container.encode(currency, forKey: .currency)
        try container.encode(returnShippingPaidBy, forKey: .returnShippingPaidBy)
        var deadlineContainer = container.nestedContainer(keyedBy: NameKey.self, forKey: .deadlines)
        for (name, instant) in deadlines.sorted(by: { $0.key < $1.key }) {
            try deadlineContainer.encodeTimestamp(instant, forKey: NameKey(stringValue: name.rawValue))
        }
        try container.encode(reasonCodes, forKey: .reasonCodes)
        try container.encode(ruleIDs, forKey: .ruleIDs)
        try container.encode(policyVersion, forKey: .policyVersion)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(lines, forKey: .lines)
        try container.encode(shippingFeeRefund?.minorUnits ?? 0, forKey: .shippingFeeRefundMinor)
        try container.encode(facts, forKey: .facts)
    }
}
