/// One way a JSON value breaks a schema.
public struct JSONSchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// JSON pointer to the offending value (`/order/lines/0/quantity`; empty for the root).
    public var instancePath: String
    /// The schema keyword that failed (`type`, `required`, `maxLength`, …).
    public var keyword: String
    /// What is wrong, without echoing the value (it may carry customer data).
    public var message: String

    public init(instancePath: String, keyword: String, message: String) {
        self.instancePath = instancePath
        self.keyword = keyword
        self.message = message
    }

    /// `"<path>: <message>"`, with `/` for the root.
    public var description: String { "\(instancePath.isEmpty ? "/" : instancePath): \(message)" }
}

/// A schema document that cannot be used: malformed, or using a keyword this validator does
/// not enforce (so no constraint is ever silently ignored).
public struct JSONSchemaError: Error, Sendable, CustomStringConvertible {
    /// JSON pointer into the schema where the problem is.
    public var schemaPath: String
    /// What is wrong.
    public var message: String

    public init(schemaPath: String, message: String) {
        self.schemaPath = schemaPath
        self.message = message
    }

    public var description: String { "schema \(schemaPath.isEmpty ? "/" : schemaPath): \(message)" }
}
