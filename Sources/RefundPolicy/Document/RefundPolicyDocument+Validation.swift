import JSONSchema
import SupportModel
import Foundation

extension RefundPolicyDocument {
    /// Checks what the schema cannot: ranges of every number, a known timezone, categories
    /// that are listed, a wording for every reason code the policy can give. Throws the first
    /// problem, with the others in `otherProblems`.
    public func validate() throws(PolicyDocumentError) {
        var problems = PolicyProblems()
        problems.require(formatVersion == Self.supportedFormatVersion, "/format_version",
            "expected \(Self.supportedFormatVersion), the format this build reads")
        problems.require(!policyVersion.isEmpty, "/policy_version", "expected a non-empty string")
        problems.require(TimeZone(identifier: timezone) != nil, "/timezone", "unknown IANA timezone \"\(timezone)\"")

        problems.require(!categories.isEmpty, "/categories", "expected at least one category")
        var seen: Set<ProductCategory> = []
        for (index, category) in categories.enumerated() {
            problems.require(!category.rawValue.isEmpty, "/categories/\(index)", "expected a non-empty string")
            problems.require(seen.insert(category).inserted, "/categories/\(index)",
                "category \"\(category)\" is listed twice")
        }

        problems.range(notReceived.graceHours, 0...8_760, "/not_received/grace_hours_after_promised_delivery")

        problems.range(noReasonReturn.windowDays, 0...3_650, "/no_reason_return/window_days")
        problems.range(noReasonReturn.returnShipWithinDays, 1...365, "/no_reason_return/return_ship_within_days")
        problems.range(noReasonReturn.refundWithinDaysAfterReturnReceived, 0...365,
            "/no_reason_return/refund_within_days_after_return_received")
        for (index, category) in noReasonReturn.legallyExcludedCategories.enumerated() {
            problems.require(seen.contains(category), "/no_reason_return/legally_excluded_categories/\(index)",
                "category \"\(category)\" is not listed in /categories")
        }
        for (index, condition) in noReasonReturn.ineligibleConditions.enumerated() {
            if case .unrecognized(let raw) = condition {
                problems.add("/no_reason_return/ineligible_conditions/\(index)", "unknown claimed condition \"\(raw)\"")
            }
        }

        problems.range(quality.returnWindowDays, 0...3_650, "/quality/return_window_days")
        problems.range(quality.exchangeWindowDays, 0...3_650, "/quality/exchange_window_days")
        problems.require(quality.exchangeWindowDays >= quality.returnWindowDays, "/quality/exchange_window_days",
            "expected at least return_window_days (\(quality.returnWindowDays))")
        for (category, days) in quality.warrantyDaysByCategory.sorted(by: { $0.key < $1.key }) {
            let field = JSONPointer.appending("/quality/warranty_days_by_category", category)
            problems.require(seen.contains(ProductCategory(rawValue: category)), field,
                "category \"\(category)\" is not listed in /categories")
            problems.range(days, 0...36_500, field)
        }
        problems.range(quality.defaultWarrantyDays, 0...36_500, "/quality/default_warranty_days")

        problems.range(priceProtection.windowDays, 0...3_650, "/price_protection/window_days")
        for (index, promotion) in priceProtection.excludedPromotions.enumerated() {
            problems.require(!promotion.rawValue.isEmpty, "/price_protection/excluded_promotions/\(index)",
                "expected a non-empty string")
        }

        for (currency, limit) in limits.autoApproveMax.sorted(by: { $0.key < $1.key }) {
            let field = JSONPointer.appending("/limits/auto_approve_max_minor", currency)
            problems.require(Self.isCurrencyCode(currency), field, "expected an ISO 4217 code of three capital letters")
            problems.require(limit.minorUnits >= 0, field, "expected integer ≥ 0")
        }
        problems.range(limits.refundFrequency.reviewAtRefunds, 1...1_000, "/limits/refund_frequency/review_at_refunds")
        problems.range(limits.refundFrequency.trailingDays, 1...3_650, "/limits/refund_frequency/trailing_days")

        for code in requiredReasonCodes where reasons[code.rawValue] == nil {
            problems.add(JSONPointer.appending("/reasons", code.rawValue),
                "missing: reason code \"\(code)\" needs a zh and an en sentence")
        }
        for (code, wording) in reasons.sorted(by: { $0.key < $1.key }) {
            let field = JSONPointer.appending("/reasons", code)
            problems.require(!wording.zh.trimmingCharacters(in: .whitespaces).isEmpty, field + "/zh",
                "expected a non-empty sentence")
            problems.require(!wording.en.trimmingCharacters(in: .whitespaces).isEmpty, field + "/en",
                "expected a non-empty sentence")
        }
        try problems.throwIfAny()
    }

    static func isCurrencyCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }
}
