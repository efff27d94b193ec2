import Foundation
import JSONSchema

/// An event the worker publishes. Its JSON must satisfy the schema of its `kind`.
public protocol OutboundEvent: Encodable, Sendable {
    /// Which contract (schema) the event follows.
    static var kind: EventKind { get }
    /// The event id (deterministic, see `EventID`).
    var eventID: String { get }
    /// The Kafka key: the conversation id, the order id for refund requests, or a dead
    /// letter's original key byte for byte (`nil` when the original record had none).
    var kafkaKey: [UInt8]? { get }
}

/// An event encoded and validated, ready to publish or to store in the outbox.
public struct EncodedEvent: Sendable, Hashable {
    /// The contract it follows.
    public var kind: EventKind
    /// Its id.
    public var eventID: String
    /// Kafka key, byte for byte; `nil` for a record without a key.
    public var key: [UInt8]?
    /// JSON bytes.
    public var payload: [UInt8]

    public init(kind: EventKind, eventID: String, key: [UInt8]?, payload: [UInt8]) {
        self.kind = kind
        self.eventID = eventID
        self.key = key
        self.payload = payload
    }
}

/// An event that breaks its own schema: a bug in the worker. It is never published.
public struct EventContractViolation: Error, Sendable, CustomStringConvertible {
    public var kind: EventKind
    public var violations: [JSONSchemaViolation]

    public init(kind: EventKind, violations: [JSONSchemaViolation]) {
        self.kind = kind
        self.violations = violations
    }

    public var description: String {
        "\(kind.rawValue) event breaks its schema: " + violations.prefix(5).map(\.description).joined(separator: "; ")
    }
}

/// Encodes outbound events as JSON (snake_case keys, RFC 3339 times) and validates them
/// against their schema, so the worker never publishes an event that breaks its contract.
public enum EventEncoder {
    /// Encodes and validates `event`.
    public static func encode<Event: OutboundEvent>(_ event: Event) throws(EventContractViolation) -> EncodedEvent {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        let bytes: [UInt8]
        let value: JSONValue
        do {
            bytes = Array(try encoder.encode(event))
            value = try JSONValue.parse(bytes)
        } catch {
            throw EventContractViolation(
                kind: Event.kind,
                violations: [JSONSchemaViolation(instancePath: "", keyword: "encoding", message: "\(error)")])
        }
        let violations = Event.kind.schema.validate(value)
        guard violations.isEmpty else { throw EventContractViolation(kind: Event.kind, violations: violations) }
        return EncodedEvent(kind: Event.kind, eventID: event.eventID, key: event.kafkaKey, payload: bytes)
    }
}

extension UUID {
    /// The canonical lower-case text form used on the wire.
    public var lowercasedString: String { uuidString.lowercased() }
}
