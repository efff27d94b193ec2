import JSONSchema

/// The kinds of events on the service's topics, each with its schema in `Schemas/`.
public enum EventKind: String, Sendable, CaseIterable {
    case inboundMessage = "inbound-message"
    case reply
    case escalation
    case agentEvent = "agent-event"
    case refundRequest = "refund-request"
    case deadLetter = "dead-letter"

    /// The schema file name in `Schemas/`.
    public var schemaFileName: String { "\(rawValue).schema.json" }

    /// The compiled schema of this kind (compiled once, from the embedded copy of `Schemas/`).
    public var schema: JSONSchema { EventSchemas.compiled[self]! }
}

/// The compiled schemas. Compilation of the embedded files cannot fail at run time: a test
/// compiles each one and compares the embedded copy with the file.
enum EventSchemas {
    static let compiled: [EventKind: JSONSchema] = {
        var schemas: [EventKind: JSONSchema] = [:]
        for kind in EventKind.allCases {
            guard let text = EmbeddedSchemas.files[kind.schemaFileName] else {
                fatalError("schema \(kind.schemaFileName) is not embedded; run scripts/embed-resources.py")
            }
            do {
                schemas[kind] = try JSONSchema(parsing: text)
            } catch {
                fatalError("embedded schema \(kind.schemaFileName) is invalid: \(error)")
            }
        }
        return schemas
    }()
}
