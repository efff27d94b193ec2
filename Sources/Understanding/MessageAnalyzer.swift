/// Turns a customer message into a `MessageAnalysis`.
///
/// `RuleBasedAnalyzer` (the hand-written rules) and `TransformerAnalyzer` (the fine-tuned
/// model, with the rules as its fallback) implement it, so the worker never depends on which
/// one runs.
public protocol MessageAnalyzer: Sendable {
    /// Analyzes `text`; throws `UnderstandingError` for empty or over-long text.
    func analyze(_ text: String, context: AnalysisContext) async throws -> MessageAnalysis
}

extension MessageAnalyzer {
    /// Analyzes `text` with relative dates counted from today in the current time zone.
    public func analyze(_ text: String, locale: String?) async throws -> MessageAnalysis {
        try await analyze(text, context: .today(locale: locale))
    }
}
