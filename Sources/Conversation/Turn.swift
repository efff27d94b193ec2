import Foundation

/// One message of a conversation, as kept in the transcript.
public struct Turn: Sendable, Hashable {
    /// Who wrote it.
    public enum Role: String, Sendable, Hashable, Codable {
        case customer, bot, agent
    }

    public var role: Role
    public var text: String
    /// The intent of a customer turn, or the intent a bot turn answered.
    public var intent: String?
    public var at: Date

    public init(role: Role, text: String, intent: String? = nil, at: Date) {
        self.role = role
        self.text = text
        self.intent = intent
        self.at = at
    }
}
