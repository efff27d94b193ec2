import Foundation
import SupportModel

/// Everything a reply may say: the facts of the decision and the order, in the language to
/// answer in. A drafter turns it into text; guardrails check the text against it. This is the
/// input format of `support-worker draft` (snake_case JSON, `Schemas/reply-plan.schema.json`).
public struct ReplyPlan: Sendable, Hashable, Codable {
    /// What the reply does.
    public enum Kind: String, Sendable, Hashable, Codable {
        case answer, clarification, acknowledgement
    }

    /// The order facts a reply may use.
    public struct OrderFacts: Sendable, Hashable, Codable {
        public var id: String
        public var status: OrderStatus
        public var carrier: String?
        public var trackingNumber: String?
        public var carrierStatus: CarrierStatus?
        public var promisedDeliveryBy: Date?
        public var shippedAt: Date?
        public var deliveredAt: Date?
        public var productNames: [String]

        public init(
            id: String, status: OrderStatus, carrier: String? = nil, trackingNumber: String? = nil,
            carrierStatus: CarrierStatus? = nil, promisedDeliveryBy: Date? = nil, shippedAt: Date? = nil,
            deliveredAt: Date? = nil, productNames: [String] = []
        ) {
            self.id = id
            self.status = status
            self.carrier = carrier
            self.trackingNumber = trackingNumber
            self.carrierStatus = carrierStatus
            self.promisedDeliveryBy = promisedDeliveryBy
            self.shippedAt = shippedAt
            self.deliveredAt = deliveredAt
            self.productNames = productNames
        }
    }

    /// A reason of the decision with its sentence in both languages (from the policy file).
    public struct Reason: Sendable, Hashable, Codable {
        public var code: String
        public var zh: String
        public var en: String

        public init(code: String, zh: String, en: String) {
            self.code = code
            self.zh = zh
            self.en = en
        }
    }

    /// The decision facts a reply may use.
    public struct DecisionFacts: Sendable, Hashable, Codable {
        public var outcome: PolicyOutcome
        /// The refund; nil when no order (so no currency) is known.
        public var refund: Money?
        public var returnShippingPaidBy: ShippingPayer?
        /// Named deadlines, e.g. `return_ship_by`.
        public var deadlines: [String: Date]
        public var reasons: [Reason]

        public init(
            outcome: PolicyOutcome, refund: Money? = nil, returnShippingPaidBy: ShippingPayer? = nil,
            deadlines: [String: Date] = [:], reasons: [Reason] = []
        ) {
            self.outcome = outcome
            self.refund = refund
            self.returnShippingPaidBy = returnShippingPaidBy
            self.deadlines = deadlines
            self.reasons = reasons
        }
    }

    /// A refund already under way (for `refund_status`).
    public struct OpenRefundFacts: Sendable, Hashable, Codable {
        public var amount: Money
        public var status: String
        public var createdAt: Date

        public init(amount: Money, status: String, createdAt: Date) {
            self.amount = amount
            self.status = status
            self.createdAt = createdAt
        }
    }

    public var planID: String?
    /// `zh` or `en`.
    public var language: Language
    public var kind: Kind
    public var intent: Intent
    /// Time zone for dates in the text (IANA name); default Asia/Shanghai.
    public var timezone: String?
    public var order: OrderFacts?
    public var decision: DecisionFacts?
    public var openRefund: OpenRefundFacts?
    /// For clarifications: what the bot asks for (`order_id`).
    public var asksFor: String?
    /// For clarifications: the customer's recent order ids to choose from.
    public var recentOrderIDs: [String]
    /// The product the customer named that picked the order (answers) or the orders listed
    /// (clarifications): "耳机" when no order number was given.
    public var matchedProduct: String?
    /// For acknowledgements: escalation priority (`urgent` for safety).
    public var escalationPriority: EscalationPriority?
    public var escalationReasons: [EscalationReason]

    public init(
        planID: String? = nil, language: Language, kind: Kind, intent: Intent, timezone: String? = nil,
        order: OrderFacts? = nil, decision: DecisionFacts? = nil, openRefund: OpenRefundFacts? = nil,
        asksFor: String? = nil, recentOrderIDs: [String] = [], matchedProduct: String? = nil,
        escalationPriority: EscalationPriority? = nil, escalationReasons: [EscalationReason] = []
    ) {
        self.planID = planID
        self.language = language
        self.kind = kind
        self.intent = intent
        self.timezone = timezone
        self.order = order
        self.decision = decision
        self.openRefund = openRefund
        self.asksFor = asksFor
        self.recentOrderIDs = recentOrderIDs
        self.matchedProduct = matchedProduct
        self.escalationPriority = escalationPriority
        self.escalationReasons = escalationReasons
    }

    /// The language to write in: `mixed` answers in Chinese.
    public var replyLanguage: Language { language == .english ? .english : .chinese }
}
