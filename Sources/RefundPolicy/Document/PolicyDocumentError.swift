/// A policy document that cannot be used: not JSON, against the schema, or inconsistent.
/// The message names the field by its JSON pointer; a policy file holds no customer data, so
/// `description` carries the full detail.
public struct PolicyDocumentError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of problem.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The bytes are not a JSON document.
        case notJSON = "policy_not_json"
        /// A field breaks `Schemas/refund-policy.schema.json`.
        case schemaViolation = "policy_schema_violation"
        /// A value is out of range or does not fit the rest (unknown timezone, a category not
        /// listed, a reason code without wording, …).
        case invalidValue = "policy_invalid_value"
        /// No embedded policy of that name.
        case notFound = "policy_not_found"
    }

    /// The stable code.
    public var code: Code
    /// The JSON pointer of the field (`/limits/auto_approve_max_minor/CNY`); empty for the
    /// whole document.
    public var field: String
    /// What is wrong with it (`expected integer ≥ 0`).
    public var message: String
    /// Further problems found in the same document, each as `field: message`.
    public var otherProblems: [String]

    /// An error about one field.
    public init(code: Code, field: String, message: String, otherProblems: [String] = []) {
        self.code = code
        self.field = field
        self.message = message
        self.otherProblems = otherProblems
    }

    /// `policy field /limits/auto_approve_max_minor/CNY: expected integer ≥ 0`.
    public var description: String {
        field.isEmpty ? "policy: \(message)" : "policy field \(field): \(message)"
    }

    /// The description, the code and every further problem.
    public var debugDescription: String {
        var text = "\(description) [\(code.rawValue)]"
        if !otherProblems.isEmpty { text += "; also " + otherProblems.joined(separator: "; ") }
        return text
    }
}
