import Foundation
import SupportModel

/// A hand-over to a human agent (topic `support.escalations`) carrying everything the agent
/// needs to act without looking anything up.
public struct EscalationEvent: OutboundEvent, Hashable {
    public static let kind = EventKind.escalation

    /// The understanding of the message that escalated.
    public struct NLU: Sendable, Hashable, Encodable {
        public struct EntitySpan: Sendable, Hashable, Encodable {
            public var type: String
            public var text: String
            public var start: Int
            public var end: Int
            public var normalized: String?

            public init(type: String, text: String, start: Int, end: Int, normalized: String?) {
                self.type = type
                self.text = text
                self.start = start
                self.end = end
                self.normalized = normalized
            }
        }

        public struct SentimentScore: Sendable, Hashable, Encodable {
            public var label: String
            public var score: Double

            public init(label: String, score: Double) {
                self.label = label
                self.score = score
            }
        }

        public var language: String
        public var intent: String
        public var confidence: Double
        public var entities: [EntitySpan]
        public var sentiment: SentimentScore

        public init(language: String, intent: String, confidence: Double, entities: [EntitySpan], sentiment: SentimentScore) {
            self.language = language
            self.intent = intent
            self.confidence = confidence
            self.entities = entities
            self.sentiment = sentiment
        }
    }

    /// Who the customer is.
    public struct CustomerSummary: Sendable, Hashable, Encodable {
        public var id: String
        public var tier: CustomerTier
        public var refundsLast90Days: Int

        // The encoder's snake_case conversion would write `refunds_last90_days`.
        enum CodingKeys: String, CodingKey {
            case id, tier
            case refundsLast90Days = "refunds_last_90_days"
        }

        public init(id: String, tier: CustomerTier, refundsLast90Days: Int) {
            self.id = id
            self.tier = tier
            self.refundsLast90Days = refundsLast90Days
        }
    }

    /// The order the conversation is about.
    public struct OrderSummary: Sendable, Hashable, Encodable {
        public struct Line: Sendable, Hashable, Encodable {
            public var lineNo: Int
            public var sku: String
            public var productName: String
            public var category: String
            public var quantity: Int
            /// In the order's currency (minor units on the wire).
            public var unitPricePaid: Money
            public var refunded: Money

            public init(
                lineNo: Int, sku: String, productName: String, category: String, quantity: Int,
                unitPricePaid: Money, refunded: Money
            ) {
                self.lineNo = lineNo
                self.sku = sku
                self.productName = productName
                self.category = category
                self.quantity = quantity
                self.unitPricePaid = unitPricePaid
                self.refunded = refunded
            }

            enum CodingKeys: String, CodingKey {
                case lineNo, sku, productName, category, quantity, unitPricePaidMinor, refundedMinor
            }

            public func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(lineNo, forKey: .lineNo)
                try c.encode(sku, forKey: .sku)
                try c.encode(productName, forKey: .productName)
                try c.encode(category, forKey: .category)
                try c.encode(quantity, forKey: .quantity)
                try c.encode(unitPricePaid.minorUnits, forKey: .unitPricePaidMinor)
                try c.encode(refunded.minorUnits, forKey: .refundedMinor)
            }
        }

        public var id: String
        public var status: String
        public var currency: String
        public var paidAt: Date?
        public var shippedAt: Date?
        public var deliveredAt: Date?
        public var promisedDeliveryBy: Date?
        public var carrier: String?
        public var trackingNumber: String?
        public var carrierStatus: String?
        public var shippingFee: Money
        public var lines: [Line]

        public init(
            id: String, status: String, currency: String, paidAt: Date?, shippedAt: Date?, deliveredAt: Date?,
            promisedDeliveryBy: Date?, carrier: String?, trackingNumber: String?, carrierStatus: String?,
            shippingFee: Money, lines: [Line]
        ) {
            self.id = id
            self.status = status
            self.currency = currency
            self.paidAt = paidAt
            self.shippedAt = shippedAt
            self.deliveredAt = deliveredAt
            self.promisedDeliveryBy = promisedDeliveryBy
            self.carrier = carrier
            self.trackingNumber = trackingNumber
            self.carrierStatus = carrierStatus
            self.shippingFee = shippingFee
            self.lines = lines
        }

        enum CodingKeys: String, CodingKey {
            case id, status, currency, paidAt, shippedAt, deliveredAt, promisedDeliveryBy, carrier, trackingNumber
            case carrierStatus, shippingFeeMinor, lines
        }

        // Written by hand: nil timestamps and carrier facts stay out (the schema makes them
        // optional), the shipping fee goes out in minor units.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(status, forKey: .status)
            try c.encode(currency, forKey: .currency)
            try c.encodeIfPresent(paidAt, forKey: .paidAt)
            try c.encodeIfPresent(shippedAt, forKey: .shippedAt)
            try c.encodeIfPresent(deliveredAt, forKey: .deliveredAt)
            try c.encodeIfPresent(promisedDeliveryBy, forKey: .promisedDeliveryBy)
            try c.encodeIfPresent(carrier, forKey: .carrier)
            try c.encodeIfPresent(trackingNumber, forKey: .trackingNumber)
            try c.encodeIfPresent(carrierStatus, forKey: .carrierStatus)
            try c.encode(shippingFee.minorUnits, forKey: .shippingFeeMinor)
            try c.encode(lines, forKey: .lines)
        }
    }

    /// The policy decision and its reasons.
    public struct DecisionSummary: Sendable, Hashable, Encodable {
        public struct Reason: Sendable, Hashable, Encodable {
            public var code: String
            public var zh: String
            public var en: String

            public init(code: String, zh: String, en: String) {
                self.code = code
                self.zh = zh
                self.en = en
            }
        }

        public var outcome: PolicyOutcome
        /// The refund decided; nil when no order of the customer's is known (`refund_minor` 0
        /// and `currency` null on the wire).
        public var refund: Money?
        public var returnShippingPaidBy: ShippingPayer?
        public var reasonCodes: [String]
        public var ruleIDs: [String]
        public var policyVersion: String
        public var reasons: [Reason]

        public init(
            outcome: PolicyOutcome, refund: Money?, returnShippingPaidBy: ShippingPayer?,
            reasonCodes: [String], ruleIDs: [String], policyVersion: String, reasons: [Reason]
        ) {
            self.outcome = outcome
            self.refund = refund
            self.returnShippingPaidBy = returnShippingPaidBy
            self.reasonCodes = reasonCodes
            self.ruleIDs = ruleIDs
            self.policyVersion = policyVersion
            self.reasons = reasons
        }

        enum CodingKeys: String, CodingKey {
            case outcome, refundMinor, currency, returnShippingPaidBy, reasonCodes, ruleIDs = "ruleIds"
            case policyVersion, reasons
        }

        // Written by hand: the schema requires `currency` (null when no order of the customer's is
        // known), and synthesized encoding leaves a nil out.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(outcome, forKey: .outcome)
            try c.encode(max(0, refund?.minorUnits ?? 0), forKey: .refundMinor)
            try c.encode(refund?.currency, forKey: .currency)
            try c.encode(returnShippingPaidBy, forKey: .returnShippingPaidBy)
            try c.encode(reasonCodes, forKey: .reasonCodes)
            try c.encode(ruleIDs, forKey: .ruleIDs)
            try c.encode(policyVersion, forKey: .policyVersion)
            try c.encode(reasons, forKey: .reasons)
        }
    }

    /// Why the worker could not handle the message itself (reason `processing_error`): a stable
    /// code and a message that carries no customer data.
    public struct ProcessingFailure: Sendable, Hashable, Encodable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// What the bot would have answered, for the agent to send or edit.
    public struct SuggestedReply: Sendable, Hashable, Encodable {
        public var text: String
        public var language: String

        public init(text: String, language: String) {
            self.text = text
            self.language = language
        }
    }

    /// One turn of the recent conversation.
    public struct TranscriptEntry: Sendable, Hashable, Encodable {
        public var role: String
        public var text: String
        public var at: Date

        public init(role: String, text: String, at: Date) {
            self.role = role
            self.text = text
            self.at = at
        }
    }

    public var schemaVersion = 1
    public var eventID: String
    public var messageID: String
    public var conversationID: String
    public var customerID: String
    public var reasons: [EscalationReason]
    public var priority: EscalationPriority
    public var createdAt: Date
    public var customerText: String
    public var nlu: NLU
    public var customer: CustomerSummary
    public var order: OrderSummary?
    public var decision: DecisionSummary?
    public var suggestedReply: SuggestedReply
    public var transcript: [TranscriptEntry]
    /// Set when the worker failed on the message and hands it over instead (reason
    /// `processing_error`); absent otherwise.
    public var error: ProcessingFailure?

    public var kafkaKey: [UInt8]? { Array(conversationID.utf8) }

    public init(
        eventID: String, messageID: String, conversationID: String, customerID: String, reasons: [EscalationReason],
        priority: EscalationPriority, createdAt: Date, customerText: String, nlu: NLU, customer: CustomerSummary,
        order: OrderSummary?, decision: DecisionSummary?, suggestedReply: SuggestedReply, transcript: [TranscriptEntry],
        error: ProcessingFailure? = nil
    ) {
        self.eventID = eventID
        self.messageID = messageID
        self.conversationID = conversationID
        self.customerID = customerID
        self.reasons = reasons
        self.priority = priority
        self.createdAt = createdAt
        self.customerText = customerText
        self.nlu = nlu
        self.customer = customer
        self.order = order
        self.decision = decision
        self.suggestedReply = suggestedReply
        self.transcript = transcript
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, eventID = "eventId", messageID = "messageId", conversationID = "conversationId"
        case customerID = "customerId", reasons, priority, createdAt, customerText, nlu, customer, order, decision
        case suggestedReply, transcript, error
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(messageID, forKey: .messageID)
        try c.encode(conversationID, forKey: .conversationID)
        try c.encode(customerID, forKey: .customerID)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(priority, forKey: .priority)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(customerText, forKey: .customerText)
        try c.encode(nlu, forKey: .nlu)
        try c.encode(customer, forKey: .customer)
        try c.encode(order, forKey: .order)  // null when no order was identified
        try c.encode(decision, forKey: .decision)  // null when no remedy was asked
        try c.encode(suggestedReply, forKey: .suggestedReply)
        try c.encode(transcript, forKey: .transcript)
        try c.encodeIfPresent(error, forKey: .error)
    }
}
