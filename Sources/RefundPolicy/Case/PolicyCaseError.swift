/// A line of `support-worker decide` input that is not a valid policy case.
///
/// `description` names the field and the kind of problem only; `debugDescription` adds the
/// decoder's detail, which may quote values of the case.
public struct PolicyCaseError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of problem.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The line is not UTF-8 text.
        case notUTF8 = "case_not_utf8"
        /// The line is not a JSON document.
        case notJSON = "case_not_json"
        /// The line is JSON but not an object.
        case notObject = "case_not_object"
        /// A field is missing, of the wrong type or has an invalid value.
        case invalidField = "case_invalid_field"
    }

    /// The stable code.
    public var code: Code
    /// The case id, when it could be read.
    public var caseID: String?
    /// The JSON pointer of the bad field (`/order/lines/0/quantity`); empty for the whole line.
    public var field: String
    /// What is wrong (`expected integer`, `missing required field`).
    public var message: String

    /// An error.
    public init(code: Code, caseID: String? = nil, field: String = "", message: String) {
        self.code = code
        self.caseID = caseID
        self.field = field
        self.message = message
    }

    /// The problem in one sentence for the output line: `case field /now: missing required field`.
    public var summary: String { field.isEmpty ? message : "case field \(field): \(message)" }

    /// The code and the field, without values from the case.
    public var description: String {
        field.isEmpty ? "invalid policy case [\(code.rawValue)]" : "invalid policy case field \(field) [\(code.rawValue)]"
    }

    /// The summary with the code.
    public var debugDescription: String { "\(summary) [\(code.rawValue)]" }
}
