import SupportModel
import Foundation
import Testing
@testable import Escalation

@Suite struct EscalationRulesTests {
    let rules = EscalationRules(configuration: .standard)

    @Test func anOrdinaryMessageStaysWithTheBot() {
        #expect(rules.evaluate(EscalationInput(intentConfidence: 0.9)) == nil)
    }

    @Test(arguments: [
        (EscalationInput(asksForHuman: true), EscalationReason.humanRequest, EscalationPriority.normal),
        (EscalationInput(legalThreat: true), .legalThreat, .high),
        (EscalationInput(safetyIssue: true), .safety, .urgent),
        (EscalationInput(sentimentIsNegative: true, sentimentScore: 0.95), .strongNegative, .normal),
        (EscalationInput(repeatCount: 1), .repeatedContact, .normal),
        (EscalationInput(intentConfidence: 0.2), .lowConfidence, .low),
        (EscalationInput(policyManualReview: true), .manualReview, .normal),
        (EscalationInput(asksForRemedy: true, orderValue: Money(minorUnits: 500_001, currency: "CNY")), .highOrderValue, .high),
    ])
    func eachTriggerFiresAlone(input: EscalationInput, reason: EscalationReason, priority: EscalationPriority) {
        #expect(rules.evaluate(input) == EscalationVerdict(reasons: [reason], priority: priority))
    }

    @Test func thresholdsAreStrict() {
        #expect(rules.evaluate(EscalationInput(sentimentIsNegative: true, sentimentScore: 0.89)) == nil)
        #expect(rules.evaluate(EscalationInput(sentimentIsNegative: false, sentimentScore: 0.99)) == nil)
        #expect(rules.evaluate(EscalationInput(intentConfidence: 0.35)) == nil)
        #expect(rules.evaluate(EscalationInput(asksForRemedy: true, orderValue: Money(minorUnits: 500_000, currency: "CNY"))) == nil)
        #expect(rules.evaluate(EscalationInput(asksForRemedy: false, orderValue: Money(minorUnits: 900_000, currency: "CNY"))) == nil)
        #expect(rules.evaluate(EscalationInput(asksForRemedy: true, orderValue: Money(minorUnits: 900_000, currency: "JPY"))) == nil)
    }

    @Test func safetyOutranksEverythingAndAllReasonsAreKept() {
        let verdict = rules.evaluate(EscalationInput(asksForHuman: true, legalThreat: true, safetyIssue: true))
        #expect(verdict?.priority == .urgent)
        #expect(verdict?.reasons == [.safety, .legalThreat, .humanRequest])
    }

    @Test func vipTriggerIsOffByDefaultAndConfigurable() throws {
        let vip = EscalationInput(asksForRemedy: true, customerTier: CustomerTier(rawValue: "vip"))
        #expect(rules.evaluate(vip) == nil)
        let config = try EscalationConfiguration.parse(
            #"{"version": "t", "triggers": {"vip_customer": {"enabled": true, "priority": "high", "tiers": ["vip", "svip"]}}}"#)
        #expect(EscalationRules(configuration: config).evaluate(vip)?.reasons == [.vipCustomer])
        #expect(EscalationRules(configuration: config).evaluate(EscalationInput(asksForRemedy: true, customerTier: CustomerTier(rawValue: "svip"))) != nil)
    }

    @Test(arguments: [
        (#"{"version": "t", "triggers": {"safety": {"priority": "asap"}}}"#, "/triggers/safety/priority"),
        // Safety is always on and always the highest priority.
        (#"{"version": "t", "triggers": {"safety": {"priority": "low"}}}"#, "/triggers/safety/priority"),
        (#"{"version": "t", "triggers": {"safety": {"enabled": false}}}"#, "/triggers/safety/enabled"),
        (#"{"version": "t", "triggers": {"low_confidence": {"below": 2}}}"#, "/triggers/low_confidence/below"),
        (#"{"version": "t", "triggers": {"human": {}}}"#, "/triggers/human"),
        (#"{"triggers": {}}"#, "version"),
        (#"{"version": "t", "triggers": {"high_order_value": {"limits_minor": {"CNY": -1}}}}"#, "/triggers/high_order_value/limits_minor/CNY"),
    ])
    func badConfigurationIsRefusedNamingTheField(text: String, field: String) {
        do {
            _ = try EscalationConfiguration.parse(text)
            Issue.record("accepted a bad configuration")
        } catch {
            #expect(error.description.contains(field))
        }
    }

    @Test func theShippedFileIsEmbeddedUnchanged() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for (folder, name) in [("config", "escalation.json"), ("Schemas", "escalation-config.schema.json")] {
            let file = try String(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(name), encoding: .utf8)
            #expect(EmbeddedEscalationFiles.files[name] == file.trimmingCharacters(in: .newlines), "run scripts/embed-resources.py")
        }
    }
}
