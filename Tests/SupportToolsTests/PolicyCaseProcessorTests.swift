import Foundation
import JSONSchema
import Testing

import RefundPolicy
import SupportTools
import TestSupport

/// `support-worker decide` as a library: one output line per input line, in order; errors per
/// line; blank lines skipped; input streamed in chunks.
@Suite struct PolicyCaseProcessorTests {
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

    static func processor() throws -> PolicyCaseProcessor {
        PolicyCaseProcessor(engine: try PolicyEngine(policy: RefundPolicyDocument.embedded()))
    }

    static func object(_ line: String) throws -> JSONValue { try JSONValue.parse(line) }

    @Test func theSpecExampleIsApprovedAsANoReasonReturn() throws {
        let output = try #require(try Self.processor().process(line: Self.validLine))
        let value = try Self.object(output)
        #expect(value["case_id"] == "c-001")
        #expect(value["outcome"] == "approve_return_refund")
        #expect(value["refund_minor"] == 39900)
        #expect(value["currency"] == "CNY")
        #expect(value["return_shipping_paid_by"] == "customer")
        #expect(value["deadlines"]?["no_reason_return_until"] == "2026-11-22T06:00:00.000Z")
        #expect(value["deadlines"]?["return_ship_by"] == "2026-11-27T02:00:00.000Z")
        #expect(value["reason_codes"] == ["no_reason_return_eligible", "return_shipping_by_customer"])
        #expect(value["policy_version"]?.stringValue?.isEmpty == false)
        #expect(try JSONSchema(parsing: String(contentsOf: RepositoryPaths.url("Schemas/policy-decision.schema.json"), encoding: .utf8)).validate(value).isEmpty)
    }

    @Test func theOutputFieldsComeInTheOrderOfTheSpec() throws {
        let output = try #require(try Self.processor().process(line: Self.validLine))
        let keys = [
            "case_id", "outcome", "refund_minor", "currency", "return_shipping_paid_by", "deadlines", "reason_codes",
            "rule_ids", "policy_version", "reasons", "lines", "shipping_fee_refund_minor", "facts",
        ]
        let positions = try keys.map { key in try #require(output.range(of: "\"\(key)\":")?.lowerBound, "\(key)") }
        #expect(positions == positions.sorted())
        #expect(output.contains("羽绒服") == false, "the decision does not echo product names")
        #expect(output.contains("我们") || output.contains("退"), "Chinese sentences are written as UTF-8, not escaped")
    }

    @Test(arguments: [
        ("not json at all", "", "not valid JSON"),
        ("[1, 2, 3]", "", "expected a JSON object"),
        (#"{"case_id":"c-7","now":"yesterday","customer":{"id":"u1","fraud_flag":false,"refunds_last_90_days":0},"order":null,"request":{"intent":"chitchat"}}"#,
         "c-7", "case field /now: is not a valid date-time"),
        (#"{"case_id":"c-8","customer":{"id":"u1","fraud_flag":false,"refunds_last_90_days":0},"order":null,"request":{"intent":"chitchat"}}"#,
         "c-8", #"missing required field "now""#),
        (#"{"case_id":"c-9","now":"2026-11-20T02:00:00Z","customer":{"id":"u1","fraud_flag":false,"refunds_last_90_days":0},"order":null,"request":{"intent":"give_me_money"}}"#,
         "c-9", "case field /request/intent: must be one of"),
        (#"{"case_id":"c-10","now":"2026-11-20T02:00:00Z","customer":{"id":"u1","fraud_flag":"no","refunds_last_90_days":0},"order":null,"request":{"intent":"chitchat"}}"#,
         "c-10", "case field /customer/fraud_flag: expected boolean, found string"),
        (#"{"case_id":"c-11","now":"2026-11-20T02:00:00Z","customer":{"id":"u1","fraud_flag":false,"refunds_last_90_days":0},"order":{"id":"o","customer_id":"u1","status":"paid","currency":"CNY","lines":[{"line_no":1,"sku":"A","category":"apparel","quantity":1.5,"unit_price_paid_minor":100}]},"request":{"intent":"cancel_order"}}"#,
         "c-11", "case field /order/lines/0/quantity: expected integer, found number"),
        (#"{"case_id":"c-12","now":"2026-11-20T02:00:00Z","customer":{"id":"u1","fraud_flag":false,"refunds_last_90_days":0},"order":{"id":"o","customer_id":"u1","status":"paid","currency":"CNY","lines":[{"line_no":1,"sku":"A","category":"apparel","quantity":1,"unit_price_paid_minor":-100}]},"request":{"intent":"cancel_order"}}"#,
         "c-12", "case field /order/lines/0/unit_price_paid_minor: must be ≥ 0"),
        (#"{"case_id":"c-13","now":"2026-11-20T02:00:00Z","customer":{"id":"u1","fraud_flag":false,"refunds_last_90_days":0},"order":null,"request":{"intent":"return_request","quantities":{"one":1}}}"#,
         "c-13", "case field /request/quantities"),
        (#"{"case_id":42,"now":"2026-11-20T02:00:00Z","customer":{"id":"u1","fraud_flag":false,"refunds_last_90_days":0},"order":null,"request":{"intent":"chitchat"}}"#,
         "", "case field /case_id: expected null or string"),
    ])
    func aMalformedLineGivesAnErrorNamingTheProblem(line: String, caseID: String, message: String) throws {
        let output = try #require(try Self.processor().process(line: line))
        let value = try Self.object(output)
        #expect(value["case_id"] == (caseID.isEmpty ? .null : .string(caseID)))
        let error = try #require(value["error"]?.stringValue)
        #expect(error.contains(message), "\(error)")
        #expect(value.objectValue?.count == 2)
        #expect(try JSONSchema(parsing: String(contentsOf: RepositoryPaths.url("Schemas/policy-decision.schema.json"), encoding: .utf8)).validate(value).isEmpty)
    }

    @Test func invalidUTF8IsReportedAsSuch() throws {
        let output = try #require(try Self.processor().process(lineBytes: Array(#"{"case_id":""#.utf8) + [0xFF, 0x22, 0x7D]))
        #expect(output.contains("invalid UTF-8"))
    }

    @Test func blankLinesAreSkipped() throws {
        let processor = try Self.processor()
        #expect(processor.process(line: "") == nil)
        #expect(processor.process(line: "   \t ") == nil)
        #expect(processor.process(line: "\r") == nil)
    }

    @Test func runStreamsEveryLineInOrderAndGoesOnAfterErrors() throws {
        let processor = try Self.processor()
        var lines: [String] = []
        var expectedIds: [String] = []
        for index in 0..<600 {
            switch index % 5 {
            case 1: lines.append("{broken json \(index)")
                expectedIds.append("")
            case 2: lines.append("")
            default:
                let id = "case-\(index)"
                lines.append(Self.validLine.replacingOccurrences(of: "\"c-001\"", with: "\"\(id)\""))
                expectedIds.append(id)
            }
        }
        // CRLF line ends and a last line without a newline.
        let input = lines.joined(separator: "\r\n") + "\r\n" + Self.validLine.replacingOccurrences(of: "\"c-001\"", with: "\"last\"")
        expectedIds.append("last")
        #expect(input.utf8.count > 1 << 16 * 4, "the input spans several read chunks")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("policy-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent("in.jsonl")
        let outputURL = directory.appendingPathComponent("out.jsonl")
        try Data(input.utf8).write(to: inputURL)
        #expect(FileManager.default.createFile(atPath: outputURL.path, contents: nil))
        let inputHandle = try FileHandle(forReadingFrom: inputURL)
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let summary = try processor.run(input: inputHandle, output: outputHandle)
        try inputHandle.close()
        try outputHandle.close()

        let output = try String(contentsOf: outputURL, encoding: .utf8)
        #expect(output.hasSuffix("\n"))
        let outputLines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(outputLines.count == expectedIds.count)
        for (line, id) in zip(outputLines, expectedIds) {
            let value = try Self.object(String(line))
            if id.isEmpty {
                #expect(value["error"] != nil && value["case_id"] == .null)
            } else {
                #expect(value["case_id"] == .string(id))
                #expect(value["outcome"] == "approve_return_refund")
            }
        }
        #expect(summary.failed == 120)
        #expect(summary.decided == expectedIds.count - 120)
    }

    @Test func aCaseWithUnknownCategoryAndStatusDecodesAndGoesToReview() throws {
        let line = Self.validLine.replacingOccurrences(of: "\"apparel\"", with: "\"hoverboards\"")
            .replacingOccurrences(of: "\"status\":\"delivered\"", with: "\"status\":\"on_hold\"")
        let policyCase = try PolicyCase.decode(jsonLine: Array(line.utf8))
        #expect(policyCase.order?.status == .unrecognized("on_hold"))
        #expect(policyCase.order?.lines.first?.category == "hoverboards")
        let value = try Self.object(try #require(try Self.processor().process(line: line)))
        #expect(value["outcome"] == "manual_review")
    }

    @Test func theCaseTypesRoundTripThroughTheCaseFormat() throws {
        let policyCase = try PolicyCase.decode(jsonLine: Array(Self.validLine.utf8))
        let encoded = try JSONEncoder().encode(policyCase)
        #expect(try PolicyCase.decode(jsonLine: Array(encoded)) == policyCase)
        #expect(RFC3339.parse("2026-11-15T06:00:00Z") == policyCase.order?.deliveredAt)
    }
}
