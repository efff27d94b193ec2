import Foundation
import JSONSchema
import Testing

/// One line of `Fixtures/policy-cases.jsonl`: a case for `support-worker decide` with the
/// expected decision worked out by hand (see `Fixtures/make-policy-cases.py`).
struct PolicyTableCase: Sendable, CustomTestStringConvertible {
    let caseID: String
    let summary: String
    /// The whole input line.
    let line: String
    /// The `expect` object.
    let expectation: JSONValue

    var testDescription: String { "\(caseID): \(summary)" }

    static let fixturePath = "Tests/RefundPolicyTests/Fixtures/policy-cases.jsonl"

    /// Every case of the fixture; empty when the file cannot be read (a separate test fails then).
    static let all: [PolicyTableCase] = (try? load()) ?? []

    static func load() throws -> [PolicyTableCase] {
        let text = try PolicyTestSupport.repositoryFile(fixturePath)
        return try text.split(separator: "\n").map { line in
            let value = try JSONValue.parse(String(line))
            guard let caseID = value["case_id"]?.stringValue, let expectation = value["expect"] else {
                throw FixtureError(line: String(line.prefix(80)))
            }
            return PolicyTableCase(
                caseID: caseID, summary: value["description"]?.stringValue ?? "", line: String(line),
                expectation: expectation)
        }
    }

    struct FixtureError: Error {
        let line: String
    }
}
