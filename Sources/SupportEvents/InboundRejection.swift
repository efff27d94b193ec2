/// Why an inbound payload cannot be processed at all. Such messages go to the dead-letter
/// topic at once: retrying cannot change bytes.
public struct InboundRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// Dead-letter error codes (see `Schemas/dead-letter.schema.json`).
    public enum Code: String, Sendable, Hashable {
        case payloadTooLarge = "payload_too_large"
        case invalidUTF8 = "invalid_utf8"
        case invalidJSON = "invalid_json"
        case schemaViolation = "schema_violation"
        case unsupportedSchemaVersion = "unsupported_schema_version"
        case textTooLong = "text_too_long"
        case processingFailed = "processing_failed"
    }

    /// What is wrong.
    public var code: Code
    /// Which field or byte, without customer text.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
