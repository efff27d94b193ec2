import JSONSchema

/// The policy's JSON Schemas, compiled once from the embedded copies of `Schemas/`.
enum PolicySchemas {
    /// `refund-policy.schema.json`: the policy document.
    static let document = compile("refund-policy.schema.json")
    /// `policy-case.schema.json`: one input line of `support-worker decide`.
    static let policyCase = compile("policy-case.schema.json")
    /// `policy-decision.schema.json`: one output line of `support-worker decide`.
    static let decision = compile("policy-decision.schema.json")

    private static func compile(_ name: String) -> Result<JSONSchema, JSONSchemaError> {
        guard let text = EmbeddedPolicySchemas.files[name] else {
            return .failure(JSONSchemaError(schemaPath: "", message: "\(name) is not embedded"))
        }
        return Result { () throws(JSONSchemaError) in try JSONSchema(parsing: text) }
    }
}
