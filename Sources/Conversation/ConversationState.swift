import Foundation
import SupportModel

/// Who answers a conversation.
public enum Handoff: String, Sendable, Hashable, Codable {
    /// The bot answers.
    case bot
    /// The bot escalated it and sent its one acknowledgement; it stays silent until released.
    case escalated
    /// An agent took it over; the bot stays silent until released.
    case agent
}

/// What the bot is waiting for from the customer.
public enum OpenSlot: String, Sendable, Hashable, Codable {
    /// Which order the request is about.
    case orderID = "order_id"
}

/// The conversation's memory between messages (the worker itself is stateless). Stored in
/// the `conversations` table; `version` guards against concurrent writers.
public struct ConversationState: Sendable, Hashable {
    public var id: String
    public var customerID: String
    public var handoff: Handoff
    public var handoffReasons: [EscalationReason]
    public var handoffAt: Date?
    /// The language of the last reply (`zh`/`en`).
    public var language: Language?
    public var lastIntent: Intent?
    /// The order the conversation is about, once known.
    public var lastOrderID: String?
    public var lastOutcome: PolicyOutcome?
    public var openSlot: OpenSlot?
    /// The intent that waits for `openSlot` ("I want a refund" → "which order?").
    public var pendingIntent: Intent?
    /// The intent of the bot's last answer (not a clarification).
    public var lastAnsweredIntent: Intent?
    /// How many times in a row the customer raised the already answered problem again.
    public var repeatCount: Int
    public var turnCount: Int
    /// Row version for optimistic concurrency; 0 for a conversation not stored yet.
    public var version: Int64

    public init(
        id: String, customerID: String, handoff: Handoff = .bot, handoffReasons: [EscalationReason] = [], handoffAt: Date? = nil,
        language: Language? = nil, lastIntent: Intent? = nil, lastOrderID: String? = nil, lastOutcome: PolicyOutcome? = nil,
        openSlot: OpenSlot? = nil, pendingIntent: Intent? = nil, lastAnsweredIntent: Intent? = nil,
        repeatCount: Int = 0, turnCount: Int = 0, version: Int64 = 0
    ) {
        self.id = id
        self.customerID = customerID
        self.handoff = handoff
        self.handoffReasons = handoffReasons
        self.handoffAt = handoffAt
        self.language = language
        self.lastIntent = lastIntent
        self.lastOrderID = lastOrderID
        self.lastOutcome = lastOutcome
        self.openSlot = openSlot
        self.pendingIntent = pendingIntent
        self.lastAnsweredIntent = lastAnsweredIntent
        self.repeatCount = repeatCount
        self.turnCount = turnCount
        self.version = version
    }

    /// Whether the bot answers this conversation.
    public var botAnswers: Bool { handoff == .bot }

    /// An agent took the conversation over (whether or not the bot escalated it).
    public mutating func agentTookOver(at time: Date) {
        handoff = .agent
        handoffAt = time
        openSlot = nil
        pendingIntent = nil
    }

    /// An agent released the conversation back to the bot: it answers again, starting fresh.
    public mutating func released() {
        handoff = .bot
        handoffReasons = []
        handoffAt = nil
        openSlot = nil
        pendingIntent = nil
        lastAnsweredIntent = nil
        repeatCount = 0
    }

    /// The bot escalated with `reasons`.
    public mutating func escalated(reasons: [EscalationReason], at time: Date) {
        handoff = .escalated
        handoffReasons = reasons
        handoffAt = time
        openSlot = nil
        pendingIntent = nil
    }
}
