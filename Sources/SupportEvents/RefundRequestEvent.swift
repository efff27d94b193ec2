import Foundation
import SupportModel

/// An approved refund for the payment system to execute (topic `support.refund-requests`,
/// keyed by order id). The worker never moves money itself.
public struct RefundRequestEvent: OutboundEvent, Hashable {
    public static let kind = EventKind.refundRequest

    public var schemaVersion = 1
    public var eventID: String
    public var refundID: String
    public var messageID: String
    public var conversationID: String
    public var customerID: String
    public var orderID: String
    public var outcome: PolicyOutcome
    /// The refund to pay (`amount_minor` and `currency` on the wire).
    public var amount: Money
    public var lineNos: [Int]
    public var returnShippingPaidBy: ShippingPayer?
    public var refundAfterReturnReceived: Bool
    public var reasonCodes: [String]
    public var ruleIDs: [String]
    public var policyVersion: String
    public var createdAt: Date

    public var kafkaKey: [UInt8]? { Array(orderID.utf8) }

    public init(
        eventID: String, refundID: String, messageID: String, conversationID: String, customerID: String,
        orderID: String, outcome: PolicyOutcome, amount: Money, lineNos: [Int],
        returnShippingPaidBy: ShippingPayer?, refundAfterReturnReceived: Bool, reasonCodes: [String], ruleIDs: [String],
        policyVersion: String, createdAt: Date
    ) {
        self.eventID = eventID
        self.refundID = refundID
        self.messageID = messageID
        self.conversationID = conversationID
        self.customerID = customerID
        self.orderID = orderID
        self.outcome = outcome
        self.amount = amount
        self.lineNos = lineNos
        self.returnShippingPaidBy = returnShippingPaidBy
        self.refundAfterReturnReceived = refundAfterReturnReceived
        self.reasonCodes = reasonCodes
        self.ruleIDs = ruleIDs
        self.policyVersion = policyVersion
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, eventID = "eventId", refundID = "refundId", messageID = "messageId"
        case conversationID = "conversationId", customerID = "customerId", orderID = "orderId", outcome
        case amountMinor, currency, lineNos, returnShippingPaidBy, refundAfterReturnReceived, reasonCodes
        case ruleIDs = "ruleIds", policyVersion, createdAt
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(refundID, forKey: .refundID)
        try c.encode(messageID, forKey: .messageID)
        try c.encode(conversationID, forKey: .conversationID)
        try c.encode(customerID, forKey: .customerID)
        try c.encode(orderID, forKey: .orderID)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(amount.minorUnits, forKey: .amountMinor)
        try c.encode(amount.currency, forKey: .currency)
        try c.encode(lineNos, forKey: .lineNos)
        try c.encode(returnShippingPaidBy, forKey: .returnShippingPaidBy)
        try c.encode(refundAfterReturnReceived, forKey: .refundAfterReturnReceived)
        try c.encode(reasonCodes, forKey: .reasonCodes)
        try c.encode(ruleIDs, forKey: .ruleIDs)
        try c.encode(policyVersion, forKey: .policyVersion)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
