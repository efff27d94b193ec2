import Foundation
import JSONSchema
import Testing
import TestSupport

@testable import RefundPolicy

/// Shared inputs of the policy tests: the default policy, the repository's files, times.
enum PolicyTestSupport {
    /// The repository root.
    static let repositoryRoot = RepositoryPaths.root

    /// A valid case line: the spec's example of a no-reason return.
    static let validLine = """
        {"case_id":"c-001","now":"2026-11-20T02:00:00Z","timezone":"Asia/Shanghai",\
        "customer":{"id":"u1","tier":"regular","fraud_flag":false,"refunds_last_90_days":0},\
        "order":{"id":"202611150001","customer_id":"u1","status":"delivered","currency":"CNY",\
        "paid_at":"2026-11-12T02:00:00Z","shipped_at":"2026-11-13T02:00:00Z","delivered_at":"2026-11-15T06:00:00Z",\
        "delivered_at_precision":"instant","promised_delivery_by":"2026-11-16T00:00:00Z","carrier_status":"delivered",\
        "shipping_fee_minor":0,"return_shipping_insurance":false,\
        "lines":[{"line_no":1,"sku":"A1","product_name":"羽绒服","category":"apparel","quantity":1,\
        "unit_price_paid_minor":39900,"refunded_minor":0,"no_reason_return_excluded_confirmed":false,"promotion":null}]},\
        "catalog":{"A1":{"current_price_minor":35900,"stock":{"A1-L":3}}},\
        "request":{"intent":"return_request","customer_id":"u1","order_id":"202611150001","line_nos":[1],\
        "quantities":null,"claimed_condition":"opened_intact","exchange_sku":null}}
        """


    /// The decision line for a case line, as `support-worker decide` writes it: the case
    /// decoded (syntax, schema, types), decided, and written in the decision format; a line
    /// that cannot be read gives its error summary instead.
    static func decideLine(_ engine: PolicyEngine, _ line: String) -> String {
        do {
            return try engine.decide(PolicyCase.decode(jsonLine: Array(line.utf8))).jsonLine()
        } catch let error as PolicyCaseError {
            return "error: " + error.summary
        } catch {
            return "error: \(error)"
        }
    }

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
