import Foundation
import JSONSchema
import SupportModel
import Testing

@testable import RefundPolicy

/// The policy file: the shipped default, its embedded copy, and refusal of bad files.
@Suite struct PolicyDocumentTests {
    @Test func theDefaultPolicyLoadsAndHoldsTheNumbersOfTheSpec() throws {
        let policy = try PolicyTestSupport.defaultPolicy()
        #expect(policy.timezone == "Asia/Shanghai")
        #expect(policy.noReasonReturn.windowDays == 7)
        #expect(
            Set(policy.noReasonReturn.legallyExcludedCategories)
                == [.customMade, .freshPerishable, .digitalContent, .newspapersPeriodicals])
        #expect(policy.noReasonReturn.ineligibleConditions == [.used, .damagedByCustomer])
        #expect(policy.notReceived.graceHours == 72)
        #expect(policy.quality.returnWindowDays == 7 && policy.quality.exchangeWindowDays == 15)
        #expect(policy.quality.warrantyDays(for: .electronics) == 365)
        #expect(policy.quality.warrantyDays(for: .appliances) == 365)
        #expect(policy.quality.warrantyDays(for: .apparel) == 0)
        #expect(policy.priceProtection.windowDays == 7 && policy.priceProtection.excludedPromotions == [.flashSale])
        #expect(policy.limits.autoApproveMax == ["CNY": Money(minorUnits: 50_000, currency: "CNY"), "USD": Money(minorUnits: 7_000, currency: "USD")])
        #expect(policy.limits.reviewFraudFlag)
        #expect(policy.limits.refundFrequency.reviewAtRefunds == 3 && policy.limits.refundFrequency.trailingDays == 90)
        #expect(policy.categories.count == 15)
    }

    @Test func everyReasonCodeHasAChineseAndAnEnglishSentence() throws {
        let policy = try PolicyTestSupport.defaultPolicy()
        for code in policy.requiredReasonCodes {
            let wording = try #require(policy.wording(for: code), "\(code)")
            #expect(wording.zh.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(code) zh")
            #expect(wording.en.first?.isUppercase == true && wording.en.hasSuffix("."), "\(code) en")
        }
        #expect(Set(policy.reasons.keys) == Set(policy.requiredReasonCodes.map(\.rawValue)), "no unused wording")
    }

    @Test func theEmbeddedPolicyEqualsTheFileInPolicies() throws {
        let file = try PolicyTestSupport.repositoryFile("policies/default.json")
        let embedded = try #require(EmbeddedPolicies.files["default.json"])
        #expect(embedded == file.trimmingCharacters(in: .newlines), "policies/default.json changed: run scripts/embed-resources.py")
    }

    @Test(arguments: ["refund-policy.schema.json", "policy-case.schema.json", "policy-decision.schema.json"])
    func theEmbeddedSchemaEqualsTheFileInSchemas(name: String) throws {
        let file = try PolicyTestSupport.repositoryFile("Schemas/" + name)
        let embedded = try #require(EmbeddedPolicySchemas.files[name])
        #expect(embedded == file.trimmingCharacters(in: .newlines), "Schemas/\(name) changed: run scripts/embed-resources.py")
        _ = try JSONSchema(parsing: embedded)
    }

    @Test func theDefaultPolicyFileMatchesItsSchema() throws {
        let schema = try JSONSchema(parsing: try PolicyTestSupport.repositoryFile("Schemas/refund-policy.schema.json"))
        let value = try JSONValue.parse(try PolicyTestSupport.repositoryFile("policies/default.json"))
        #expect(schema.validate(value).isEmpty)
    }

    /// A mistake a policy owner could make in the file, and the field the refusal must name.
    struct Mistake: Sendable, CustomTestStringConvertible {
        let name: String
        let field: String
        let message: String
        let code: PolicyDocumentError.Code
        let edit: @Sendable (inout [String: Any]) -> Void
        var testDescription: String { name }
    }

    static let mistakes: [Mistake] = [
        Mistake(name: "negative limit", field: "/limits/auto_approve_max_minor/CNY", message: "expected integer ≥ 0",
            code: .schemaViolation) { policy in
            policy[path: ["limits", "auto_approve_max_minor", "CNY"]] = -1
        },
        Mistake(name: "limit as a decimal string", field: "/limits/auto_approve_max_minor/USD",
            message: "expected integer", code: .schemaViolation) { policy in
            policy[path: ["limits", "auto_approve_max_minor", "USD"]] = "70.00"
        },
        Mistake(name: "window as text", field: "/no_reason_return/window_days", message: "expected integer",
            code: .schemaViolation) { policy in
            policy[path: ["no_reason_return", "window_days"]] = "7"
        },
        Mistake(name: "missing timezone", field: "", message: "missing required field \"timezone\"",
            code: .schemaViolation) { policy in
            policy["timezone"] = nil
        },
        Mistake(name: "misspelt field", field: "/quality/exchange_windows_days", message: "unknown field",
            code: .schemaViolation) { policy in
            policy[path: ["quality", "exchange_windows_days"]] = 15
        },
        Mistake(name: "unknown timezone", field: "/timezone", message: "unknown IANA timezone", code: .invalidValue) {
            policy in policy["timezone"] = "Asia/Beijing"
        },
        Mistake(name: "excluded category not listed", field: "/no_reason_return/legally_excluded_categories/4",
            message: "not listed in /categories", code: .invalidValue) { policy in
            policy[path: ["no_reason_return", "legally_excluded_categories"]] = [
                "custom_made", "fresh_perishable", "digital_content", "newspapers_periodicals", "live_animals",
            ]
        },
        Mistake(name: "reason without wording", field: "/reasons/parcel_lost", message: "needs a zh and an en sentence",
            code: .invalidValue) { policy in
            policy[path: ["reasons", "parcel_lost"]] = nil
        },
        Mistake(name: "empty sentence", field: "/reasons/warranty_expired/zh", message: "at least 1",
            code: .schemaViolation) { policy in
            policy[path: ["reasons", "warranty_expired", "zh"]] = ""
        },
        Mistake(name: "exchange window shorter than the return window", field: "/quality/exchange_window_days",
            message: "at least return_window_days", code: .invalidValue) { policy in
            policy[path: ["quality", "exchange_window_days"]] = 5
        },
        Mistake(name: "lower-case currency", field: "/limits/auto_approve_max_minor/cny", message: "ISO 4217",
            code: .invalidValue) { policy in
            policy[path: ["limits", "auto_approve_max_minor", "cny"]] = 100
        },
        Mistake(name: "future format version", field: "/format_version", message: "must equal 1",
            code: .schemaViolation) { policy in
            policy["format_version"] = 2
        },
        Mistake(name: "unknown ineligible condition", field: "/no_reason_return/ineligible_conditions/2",
            message: "must be one of", code: .schemaViolation) { policy in
            policy[path: ["no_reason_return", "ineligible_conditions"]] = ["used", "damaged_by_customer", "smelly"]
        },
        Mistake(name: "warranty for a category not listed", field: "/quality/warranty_days_by_category/drones",
            message: "not listed in /categories", code: .invalidValue) { policy in
            policy[path: ["quality", "warranty_days_by_category", "drones"]] = 180
        },
        Mistake(name: "grace period of a century", field: "/not_received/grace_hours_after_promised_delivery",
            message: "expected integer ≤ 8760", code: .schemaViolation) { policy in
            policy[path: ["not_received", "grace_hours_after_promised_delivery"]] = 876_000
        },
        Mistake(name: "frequency limit of zero", field: "/limits/refund_frequency/review_at_refunds",
            message: "≥ 1", code: .schemaViolation) { policy in
            policy[path: ["limits", "refund_frequency", "review_at_refunds"]] = 0
        },
    ]

    @Test(arguments: mistakes)
    func aBadPolicyFileIsRefusedNamingTheField(_ mistake: Mistake) throws {
        var json = try PolicyTestSupport.defaultPolicyJSON()
        mistake.edit(&json)
        let data = try JSONSerialization.data(withJSONObject: json)
        let error = try #require(throws: PolicyDocumentError.self) { try RefundPolicyDocument(validating: data) }
        #expect(error.field == mistake.field, "\(error.debugDescription)")
        #expect(error.code == mistake.code, "\(error.debugDescription)")
        #expect(error.description.contains(mistake.message), "\(error.description)")
        #expect(error.description.hasPrefix(mistake.field.isEmpty ? "policy: " : "policy field \(mistake.field): "))
    }

    @Test func aNegativeLimitIsRefusedInThePolicyOwnersWords() throws {
        var json = try PolicyTestSupport.defaultPolicyJSON()
        json[path: ["limits", "auto_approve_max_minor", "CNY"]] = -100
        let error = try #require(throws: PolicyDocumentError.self) {
            try RefundPolicyDocument(validating: try JSONSerialization.data(withJSONObject: json))
        }
        #expect(error.description == "policy field /limits/auto_approve_max_minor/CNY: expected integer ≥ 0")
    }

    @Test func aFileThatIsNotJSONIsRefused() throws {
        let error = try #require(throws: PolicyDocumentError.self) {
            try RefundPolicyDocument(validating: Data("{\"format_version\": 1,".utf8))
        }
        #expect(error.code == .notJSON)
        #expect(error.description.hasPrefix("policy: not a JSON document"))
    }

    @Test func everyProblemOfAFileIsReported() throws {
        var json = try PolicyTestSupport.defaultPolicyJSON()
        json["timezone"] = "Nowhere/Town"
        json[path: ["quality", "exchange_window_days"]] = 3
        json[path: ["reasons", "parcel_lost"]] = nil
        let error = try #require(throws: PolicyDocumentError.self) {
            try RefundPolicyDocument(validating: try JSONSerialization.data(withJSONObject: json))
        }
        #expect(error.field == "/timezone")
        #expect(error.otherProblems.count == 2)
        #expect(error.debugDescription.contains("/quality/exchange_window_days"))
        #expect(error.debugDescription.contains("/reasons/parcel_lost"))
    }

    @Test func aPolicyBuiltInSwiftIsCheckedTheSameWay() throws {
        var policy = try PolicyTestSupport.defaultPolicy()
        try policy.validate()
        policy.limits.autoApproveMax["JPY"] = Money(minorUnits: -5, currency: "JPY")
        let error = try #require(throws: PolicyDocumentError.self) { try policy.validate() }
        #expect(error.field == "/limits/auto_approve_max_minor/JPY")
        #expect(error.description == "policy field /limits/auto_approve_max_minor/JPY: expected integer ≥ 0")
    }

    @Test func anEmbeddedPolicyThatDoesNotExistIsRefused() {
        #expect(throws: PolicyDocumentError.self) { try RefundPolicyDocument.embedded(named: "lenient.json") }
    }

    @Test func thePolicyNumbersDriveTheEngine() throws {
        // A policy owner lengthens the no-reason window to 15 days: a return on day 10 is approved.
        var json = try PolicyTestSupport.defaultPolicyJSON()
        json[path: ["no_reason_return", "window_days"]] = 15
        json["policy_version"] = "longer-window"
        let longer = try RefundPolicyDocument(validating: try JSONSerialization.data(withJSONObject: json))
        let signFor = try PolicyTestSupport.instant("2026-11-15T06:00:00Z")
        let policyCase = PolicyCase(
            now: signFor.addingTimeInterval(10 * 86_400), customer: CustomerProfile(id: "u1"),
            order: OrderSnapshot(
                id: "o1", customerID: "u1", status: .delivered, currency: "CNY", deliveredAt: signFor,
                lines: [OrderLine(lineNo: 1, sku: "A1", category: .apparel, quantity: 1, unitPricePaid: Money(minorUnits: 9900, currency: "CNY"))]),
            request: PolicyRequest(intent: .returnRequest))
        #expect(try PolicyTestSupport.defaultEngine().decide(policyCase).outcome == .deny)
        let decision = PolicyEngine(policy: longer).decide(policyCase)
        #expect(decision.outcome == .approveReturnRefund)
        #expect(decision.policyVersion == "longer-window")
    }
}
