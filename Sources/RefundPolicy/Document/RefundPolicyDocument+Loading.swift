import Foundation
import JSONSchema

extension RefundPolicyDocument {
    /// Reads and checks a policy file: JSON syntax, `Schemas/refund-policy.schema.json`, then
    /// `validate()`. A bad file is refused with an error naming the first bad field.
    public init(validating data: Data) throws(PolicyDocumentError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw PolicyDocumentError(code: .notJSON, field: "", message: "not a JSON document: \(error)")
        }
        let schema: JSONSchema
        switch PolicySchemas.document {
        case .success(let compiled): schema = compiled
        case .failure(let error):
            throw PolicyDocumentError(
                code: .schemaViolation, field: "", message: "the policy schema of this build does not compile: \(error)")
        }
        let violations = schema.validate(value)
        if let first = violations.first {
            throw PolicyDocumentError(
                code: .schemaViolation, field: first.instancePath, message: Self.message(of: first),
                otherProblems: violations.dropFirst().map { "\($0.instancePath): \(Self.message(of: $0))" })
        }
        let document: RefundPolicyDocument
        do {
            document = try JSONDecoder().decode(RefundPolicyDocument.self, from: data)
        } catch let error as DecodingError {
            let problem = error.fieldProblem
            throw PolicyDocumentError(code: .schemaViolation, field: problem.pointer, message: problem.message)
        } catch {
            throw PolicyDocumentError(code: .notJSON, field: "", message: "not a policy document")
        }
        try document.validate()
        self = document
    }

    /// A schema violation in the words of the policy file: every number of the policy is an
    /// integer, so a bound reads `expected integer ≥ 0`.
    private static func message(of violation: JSONSchemaViolation) -> String {
        switch violation.keyword {
        case "minimum", "maximum": violation.message.replacingOccurrences(of: "must be ", with: "expected integer ")
        default: violation.message
        }
    }

    /// Reads and checks the policy file at `url`.
    public init(contentsOf url: URL) throws(PolicyDocumentError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PolicyDocumentError(code: .notFound, field: "", message: "cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(validating: data)
    }

    /// The policy embedded in the binary under `name` (a file of `policies/`), checked.
    public static func embedded(named name: String = "default.json") throws(PolicyDocumentError)
        -> RefundPolicyDocument
    {
        guard let text = EmbeddedPolicies.files[name] else {
            throw PolicyDocumentError(
                code: .notFound, field: "",
                message: "no embedded policy \"\(name)\"; embedded: \(EmbeddedPolicies.files.keys.sorted())")
        }
        return try RefundPolicyDocument(validating: Data(text.utf8))
    }
}
