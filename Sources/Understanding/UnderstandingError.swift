/// Why a message could not be analyzed.
///
/// `description` names the problem without quoting customer text; `debugDescription` adds
/// the details.
public struct UnderstandingError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Stable codes for the kinds of failure.
    public enum Code: String, Sendable, Hashable {
        /// The text is empty or only whitespace.
        case emptyText = "empty_text"
        /// The text has more Unicode scalars than the analyzer accepts.
        case textTooLong = "text_too_long"
        /// A calendar date that does not exist (month 13, 30 February).
        case invalidDate = "invalid_date"
        /// A model behind the analyzer failed; the rule-based fallback may still answer.
        case modelFailed = "model_failed"
    }

    /// What went wrong.
    public var code: Code
    /// Details for logs and developers; may quote input.
    public var detail: String
    /// Whether trying the same input again may succeed (a model that was busy or loading).
    public var isRetriable: Bool

    public init(code: Code, detail: String, isRetriable: Bool = false) {
        self.code = code
        self.detail = detail
        self.isRetriable = isRetriable
    }

    public var description: String {
        switch code {
        case .emptyText: "the message text is empty"
        case .textTooLong: "the message text is too long to analyze"
        case .invalidDate: "the date does not exist in the calendar"
        case .modelFailed: "an understanding model failed"
        }
    }

    public var debugDescription: String { "\(code.rawValue): \(description): \(detail)" }
}
