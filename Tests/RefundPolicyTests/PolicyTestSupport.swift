import Foundation
import JSONSchema
import Testing

@testable import RefundPolicy

/// Shared inputs of the policy tests: the default policy, the repository's files, times.
enum PolicyTestSupport {
    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The text of a file of the repository.
    static func repositoryFile(_ path: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// The shipped default policy, as embedded in the binary.
    static func defaultPolicy() throws -> RefundPolicyDocument { try RefundPolicyDocument.embedded() }

    /// An engine with the default policy.
    static func defaultEngine() throws -> PolicyEngine { PolicyEngine(policy: try defaultPolicy()) }

    /// The default policy file as a mutable JSON object, for making bad variants of it.
    static func defaultPolicyJSON() throws -> [String: Any] {
        let data = Data(try repositoryFile("policies/default.json").utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// An instant from RFC 3339 text.
    static func instant(_ text: String) throws -> Date { try #require(RFC3339.parse(text)) }

    /// The decision schema, compiled.
    static func decisionSchema() throws -> JSONSchema {
        try JSONSchema(parsing: try repositoryFile("Schemas/policy-decision.schema.json"))
    }
}
