import Foundation
import SupportModel

/// A reply ready to send: the text, who wrote it, and the guardrail verdict.
public struct Draft: Sendable, Hashable, Codable {
    public var text: String
    public var language: Language
    /// The backend whose text is used (`template` when a model's draft was refused).
    public var backend: String
    /// The verdict on the text that is used.
    public var verdict: GuardrailVerdict
    /// The primary backend's verdict when its draft was refused and the template used instead.
    public var refusedDraftVerdict: GuardrailVerdict?

    public init(text: String, language: Language, backend: String, verdict: GuardrailVerdict, refusedDraftVerdict: GuardrailVerdict? = nil) {
        self.text = text
        self.language = language
        self.backend = backend
        self.verdict = verdict
        self.refusedDraftVerdict = refusedDraftVerdict
    }
}

/// Drafts with a primary backend, checks the text with the guardrails, and falls back to the
/// templates when the draft fails them or the backend errs.
public struct DraftingService: Sendable {
    public let primary: any ReplyDrafter
    public let guardrails: DraftGuardrails
    let templates = TemplateDrafter()

    public init(primary: any ReplyDrafter = TemplateDrafter(), guardrails: DraftGuardrails = DraftGuardrails()) {
        self.primary = primary
        self.guardrails = guardrails
    }

    public func draft(_ plan: ReplyPlan) async -> Draft {
        let language = plan.replyLanguage
        if primary.backendName != templates.backendName {
            if let text = try? await primary.draft(plan) {
                let verdict = guardrails.check(text, against: plan)
                if verdict.passed {
                    return Draft(text: text, language: language, backend: primary.backendName, verdict: verdict)
                }
                let fallback = templates.render(plan)
                return Draft(
                    text: fallback, language: language, backend: templates.backendName,
                    verdict: guardrails.check(fallback, against: plan), refusedDraftVerdict: verdict)
            }
        }
        let text = templates.render(plan)
        return Draft(text: text, language: language, backend: templates.backendName, verdict: guardrails.check(text, against: plan))
    }
}
