import SupportModel
import Foundation
import JSONSchema
import Testing

@testable import RefundPolicy

/// The table of policy cases: every rule and boundary of the spec, each with the expected
/// outcome, amount and reason codes, decided through the same path as `support-worker decide`.
@Suite struct PolicyCaseTableTests {
    @Test func theTableHasAtLeast150CasesCoveringEveryRule() throws {
        let cases = try PolicyTableCase.load()
        print("policy case table: \(cases.count) cases")
        #expect(cases.count >= 150)
        #expect(Set(cases.map(\.caseID)).count == cases.count, "case ids are unique")
        let engine = try PolicyTestSupport.defaultEngine()
        var fired: Set<String> = []
        var outcomes: Set<String> = []
        var reasons: Set<ReasonCode> = []
        for tableCase in cases {
            let decision = engine.decide(try PolicyCase.decode(jsonLine: Array(tableCase.line.utf8)))
            fired.formUnion(decision.ruleIDs.map(\.rawValue))
            outcomes.insert(decision.outcome.rawValue)
            reasons.formUnion(decision.reasonCodes)
        }
        for code in engine.policy.requiredReasonCodes {
            #expect(reasons.contains(code), "no case of the table gives \(code)")
        }
        for rule in RuleID.all {
            #expect(fired.contains(rule.rawValue), "no case of the table fires \(rule)")
        }
        #expect(outcomes == Set(PolicyOutcome.allCases.map(\.rawValue)), "every outcome occurs in the table")
    }

    @Test(arguments: PolicyTableCase.all)
    func decidesAsTheTableSays(_ tableCase: PolicyTableCase) throws {
        let engine = try PolicyTestSupport.defaultEngine()
        let policyCase = try PolicyCase.decode(jsonLine: Array(tableCase.line.utf8))
        let decision = engine.decide(policyCase)
        let expect = tableCase.expectation

        #expect(decision.caseID == tableCase.caseID)
        #expect(decision.outcome.rawValue == expect["outcome"]?.stringValue)
        #expect(decision.refundMinorUnits == expect["refund_minor"]?.intValue)
        let reasons = try #require(expect["reason_codes"]?.arrayValue).compactMap(\.stringValue)
        #expect(decision.reasonCodes.map(\.rawValue) == reasons)
        if let payer = expect["return_shipping_paid_by"] {
            #expect(decision.returnShippingPaidBy?.rawValue == payer.stringValue)
        }
        if let fee = expect["shipping_fee_refund_minor"] {
            #expect((decision.shippingFeeRefund?.minorUnits ?? 0) == fee.intValue)
        }
        if let currency = expect["currency"] {
            #expect(decision.currency == currency.stringValue)
        }
        for (name, value) in expect["deadlines"]?.objectValue ?? [:] {
            let expected = try PolicyTestSupport.instant(try #require(value.stringValue))
            let actual = decision.deadlines[DeadlineName(rawValue: name)]
            #expect(actual?.epochMilliseconds == expected.epochMilliseconds, "deadline \(name)")
        }
        for rule in expect["rule_ids_include"]?.arrayValue ?? [] {
            #expect(decision.ruleIDs.map(\.rawValue).contains(rule.stringValue ?? ""), "rule \(rule)")
        }
        #expect(decision.reasons.map(\.code) == decision.reasonCodes)
        #expect(decision.reasons.allSatisfy { !$0.zh.isEmpty && !$0.en.isEmpty && $0.zh != $0.code.rawValue })
        #expect(decision.policyVersion == engine.policy.policyVersion)
    }

    @Test func decideOverTheWholeTableGivesOneDecisionPerCaseThatMatchesTheDecisionSchema() throws {
        let engine = try PolicyTestSupport.defaultEngine()
        let schema = try PolicyTestSupport.decisionSchema()
        let lines = try PolicyTestSupport.repositoryFile(PolicyTableCase.fixturePath).split(separator: "\n")
        var outputs: [String] = []
        for line in lines {
            outputs.append(PolicyTestSupport.decideLine(engine, String(line)))
        }
        #expect(outputs.count == lines.count)
        for (line, output) in zip(lines, outputs) {
            let value = try JSONValue.parse(output)
            #expect(value["error"] == nil, "\(output)")
            #expect(schema.validate(value).isEmpty, "\(schema.validate(value))")
            #expect(value["case_id"] == (try JSONValue.parse(String(line)))["case_id"])
        }
    }
}
