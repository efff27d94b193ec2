import Foundation

extension RefundPolicyDocument {
    /// Reads and checks a policy file: JSON syntax, the schema, then `validate()`.
    /// A bad file is refused with an error naming the first bad field.
    public init(validating data: Data) throws(PolicyDocumentError) {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw PolicyDocumentError(code: .notJSON, field: "", message: "not a JSON document")
        }
        let document: RefundPolicyDocument
        do {
            document = try JSONDecoder().decode(RefundPolicyDocument.self, from: data)
        } catch let error as DecodingError {
            let problem = error.fieldProblem
            throw PolicyDocumentError(code: .schemaViolation, field: problem.pointer, message: problem.message)
        } catch {
            throw PolicyDocumentError(code: .notJSON, field: "", message: "not a JSON document")
        }
        try document.validate()
        self = document
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
