/// Writes reply text from a plan. The template drafter is always available; model-backed
/// drafters (later) implement the same protocol and are checked by `DraftGuardrails`.
public protocol ReplyDrafter: Sendable {
    /// Short name recorded with each draft (`template`, `smollm2-135m`).
    var backendName: String { get }
    /// Writes the reply text for `plan`.
    func draft(_ plan: ReplyPlan) async throws -> String
}
