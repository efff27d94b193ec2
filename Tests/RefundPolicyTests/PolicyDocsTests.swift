import Testing

@testable import RefundPolicy

/// `docs/policy.md` stays complete.
@Suite struct PolicyDocsTests {
    @Test func theDocsListEveryRuleIdAndEveryReasonCodeWithItsSentences() throws {
        let docs = try PolicyTestSupport.repositoryFile("docs/policy.md")
        for rule in RuleID.all {
            #expect(docs.contains("| `\(rule)` |"), "docs/policy.md: rule \(rule) missing from the rule table")
        }
        let policy = try PolicyTestSupport.defaultPolicy()
        for code in policy.requiredReasonCodes {
            let wording = try #require(policy.wording(for: code))
            #expect(
                docs.contains("| `\(code)` | \(wording.zh) | \(wording.en) |"),
                "docs/policy.md: reason \(code) missing or worded differently from policies/default.json")
        }
    }
}
