import Foundation

/// A reply to the customer (topic `support.replies`).
public struct ReplyEvent: OutboundEvent, Hashable {
    public static let kind = EventKind.reply

    /// What the reply does for the customer.
    public enum Kind: String, Sendable, Hashable, Encodable {
        /// A resolution, a decision, or facts.
        case answer
        /// The bot asks for something it needs (e.g. the order number).
        case clarification
        /// A human agent will take over.
        case acknowledgement
    }

    public var schemaVersion = 1
    public var eventID: String
    public var messageID: String
    public var conversationID: String
    public var customerID: String
    public var text: String
    /// `zh` or `en`.
    public var language: String
    public var createdAt: Date
    public var kind: Kind
    /// The intent answered; absent when the message could not be understood (a hand-over).
    public var intent: String?
    public var outcome: String?
    public var draftedBy: String

    public var kafkaKey: [UInt8]? { Array(conversationID.utf8) }

    public init(
        eventID: String, messageID: String, conversationID: String, customerID: String, text: String,
        language: String, createdAt: Date, kind: Kind, intent: String?, outcome: String?, draftedBy: String
    ) {
        self.eventID = eventID
        self.messageID = messageID
        self.conversationID = conversationID
        self.customerID = customerID
        self.text = text
        self.language = language
        self.createdAt = createdAt
        self.kind = kind
        self.intent = intent
        self.outcome = outcome
        self.draftedBy = draftedBy
    }
}
