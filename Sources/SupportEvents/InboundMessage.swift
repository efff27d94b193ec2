import Foundation

/// A customer message from the chat gateway (topic `support.inbound`), validated.
public struct InboundMessage: Sendable, Hashable {
    /// Unique id; the worker processes each id once.
    public var messageID: UUID
    /// The conversation (also the Kafka key).
    public var conversationID: String
    /// The customer; every order lookup is scoped by it.
    public var customerID: String
    /// Chat channel (`web`, `app`, `wechat`, …).
    public var channel: String
    /// The message text (at most 16 KiB of UTF-8).
    public var text: String
    /// When the customer sent it.
    public var sentAt: Date
    /// The client's locale, when the gateway knows it.
    public var locale: String?

    public init(
        messageID: UUID, conversationID: String, customerID: String, channel: String, text: String, sentAt: Date,
        locale: String? = nil
    ) {
        self.messageID = messageID
        self.conversationID = conversationID
        self.customerID = customerID
        self.channel = channel
        self.text = text
        self.sentAt = sentAt
        self.locale = locale
    }
}
