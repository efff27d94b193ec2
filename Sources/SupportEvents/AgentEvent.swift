import Foundation
import JSONSchema

/// An agent console event (topic `support.agent-events`): a human took a conversation over or
/// released it back to the bot.
public struct AgentEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable {
        case takenOver = "taken_over"
        case released
    }

    public var eventID: UUID
    public var conversationID: String
    public var kind: Kind
    public var agentID: String
    public var at: Date
    public var note: String?

    public init(eventID: UUID, conversationID: String, kind: Kind, agentID: String, at: Date, note: String? = nil) {
        self.eventID = eventID
        self.conversationID = conversationID
        self.kind = kind
        self.agentID = agentID
        self.at = at
        self.note = note
    }

    /// Decodes and validates an agent event payload.
    public static func decode(_ payload: [UInt8]) throws(InboundRejection) -> AgentEvent {
        guard payload.count <= 64 * 1024 else {
            throw InboundRejection(code: .payloadTooLarge, message: "payload is \(payload.count) bytes")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(payload)
        } catch {
            throw InboundRejection(code: error.code == .invalidUTF8 ? .invalidUTF8 : .invalidJSON, message: error.description)
        }
        let violations = EventKind.agentEvent.schema.validate(value)
        if !violations.isEmpty {
            throw InboundRejection(
                code: .schemaViolation, message: violations.prefix(5).map(\.description).joined(separator: "; "))
        }
        return AgentEvent(
            eventID: UUID(uuidString: value["event_id"]!.stringValue!)!,
            conversationID: value["conversation_id"]!.stringValue!,
            kind: Kind(rawValue: value["type"]!.stringValue!)!,
            agentID: value["agent_id"]!.stringValue!,
            at: RFC3339.parse(value["at"]!.stringValue!)!,
            note: value["note"]?.stringValue)
    }

    /// The event as JSON bytes (for agent consoles, tests and the demo).
    public func encoded() -> [UInt8] {
        var members: [String: JSONValue] = [
            "schema_version": 1, "event_id": .string(eventID.uuidString.lowercased()),
            "conversation_id": .string(conversationID), "type": .string(kind.rawValue), "agent_id": .string(agentID),
            "at": .string(RFC3339.format(at)),
        ]
        if let note { members["note"] = .string(note) }
        return Array(JSONValue.object(members).serialized().utf8)
    }
}
