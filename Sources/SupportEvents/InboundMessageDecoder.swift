import Foundation
import JSONSchema

/// Turns raw inbound bytes into an `InboundMessage`, or says exactly why not.
///
/// Checks, in order: payload size, UTF-8 and JSON syntax, `schema_version`, the inbound schema
/// (`Schemas/inbound-message.schema.json`), and the text's UTF-8 byte length.
public struct InboundMessageDecoder: Sendable {
    /// Largest accepted payload in bytes.
    public var maximumPayloadBytes: Int
    /// Largest accepted `text` in UTF-8 bytes (16 KiB by contract).
    public var maximumTextBytes: Int

    public init(maximumPayloadBytes: Int = 64 * 1024, maximumTextBytes: Int = 16 * 1024) {
        self.maximumPayloadBytes = maximumPayloadBytes
        self.maximumTextBytes = maximumTextBytes
    }

    /// Decodes and validates one payload.
    public func decode(_ payload: [UInt8]) throws(InboundRejection) -> InboundMessage {
        guard payload.count <= maximumPayloadBytes else {
            throw InboundRejection(
                code: .payloadTooLarge,
                message: "payload is \(payload.count) bytes; the limit is \(maximumPayloadBytes)")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(payload)
        } catch {
            throw InboundRejection(code: error.code == .invalidUTF8 ? .invalidUTF8 : .invalidJSON, message: error.description)
        }
        if case .object(let members) = value, let version = members["schema_version"], version != .int(1) {
            throw InboundRejection(
                code: .unsupportedSchemaVersion,
                message: "schema_version \(version.serialized().prefix(20)) is not supported (expected 1)")
        }
        let violations = EventKind.inboundMessage.schema.validate(value)
        if !violations.isEmpty {
            throw InboundRejection(
                code: .schemaViolation, message: violations.prefix(5).map(\.description).joined(separator: "; "))
        }
        let text = value["text"]!.stringValue!
        if text.utf8.count > maximumTextBytes {
            throw InboundRejection(
                code: .textTooLong,
                message: "/text: \(text.utf8.count) bytes of UTF-8; the limit is \(maximumTextBytes)")
        }
        // The schema guarantees every field below is present and well formed.
        return InboundMessage(
            messageID: UUID(uuidString: value["message_id"]!.stringValue!)!,
            conversationID: value["conversation_id"]!.stringValue!,
            customerID: value["customer_id"]!.stringValue!,
            channel: value["channel"]!.stringValue!,
            text: text,
            sentAt: RFC3339.parse(value["sent_at"]!.stringValue!)!,
            locale: value["locale"]?.stringValue)
    }

    /// Reads the message id of a payload that failed validation, when it has a readable one,
    /// so a dead letter can name it.
    public static func bestEffortMessageID(_ payload: [UInt8]) -> UUID? {
        guard payload.count <= 1 << 20, let value = try? JSONValue.parse(payload),
            let text = value["message_id"]?.stringValue
        else { return nil }
        return UUID(uuidString: text)
    }
}
