import Foundation

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
        public var tier: String
        public var refundsLast90Days: Int

        // The encoder's snake_case conversion would write `refunds_last90_days`.
        enum CodingKeys: String, CodingKey {
            case id, tier
            case refundsLast90Days = "refunds_last_90_days"
        }

        public init(id: String, tier: String, refundsLast90Days: Int) {
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
            public var unitPricePaidMinor: Int64
            public var refundedMinor: Int64

            public init(
                lineNo: Int, sku: String, productName: String, category: String, quantity: Int,
                unitPricePaidMinor: Int64, refundedMinor: Int64
            ) {
                self.lineNo = lineNo
                self.sku = sku
                self.productName = productName
                self.category = category
                self.quantity = quantity
                self.unitPricePaidMinor = unitPricePaidMinor
                self.refundedMinor = refundedMinor
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
        public var shippingFeeMinor: Int64
        public var lines: [Line]

        public init(
            id: String, status: String, currency: String, paidAt: Date?, shippedAt: Date?, deliveredAt: Date?,
            promisedDeliveryBy: Date?, carrier: String?, trackingNumber: String?, carrierStatus: String?,
            shippingFeeMinor: Int64, lines: [Line]
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
            self.shippingFeeMinor = shippingFeeMinor
            self.lines = lines
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

        public var outcome: String
        public var refundMinor: Int64
        public var currency: String?
        public var returnShippingPaidBy: String?
        public var reasonCodes: [String]
        public var ruleIDs: [String]
        public var policyVersion: String
        public var reasons: [Reason]

        public init(
            outcome: String, refundMinor: Int64, currency: String?, returnShippingPaidBy: String?,
            reasonCodes: [String], ruleIDs: [String], policyVersion: String, reasons: [Reason]
        ) {
            self.outcome = outcome
            self.refundMinor = refundMinor
            self.currency = currency
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
            try c.encode(refundMinor, forKey: .refundMinor)
            try c.encode(currency, forKey: .currency)
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
    public var reasons: [String]
    public var priority: String
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
        eventID: String, messageID: String, conversationID: String, customerID: String, reasons: [String],
        priority: String, createdAt: Date, customerText: String, nlu: NLU, customer: CustomerSummary,
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
