/// Why a byte sequence is not a JSON document, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes for the kinds of malformed input.
    public enum Code: String, Sendable {
        case invalidUTF8 = "invalid_utf8"
        case unexpectedEnd = "unexpected_end"
        case unexpectedCharacter = "unexpected_character"
        case invalidNumber = "invalid_number"
        case invalidEscape = "invalid_escape"
        case invalidString = "invalid_string"
        case duplicateKey = "duplicate_key"
        case tooDeep = "too_deep"
        case trailingData = "trailing_data"
    }

    /// What is wrong.
    public var code: Code
    /// Byte offset in the input where the problem was found.
    public var offset: Int

    public init(code: Code, offset: Int) {
        self.code = code
        self.offset = offset
    }

    public var description: String {
        switch code {
        case .invalidUTF8: "invalid UTF-8 at byte \(offset)"
        case .unexpectedEnd: "JSON ends unexpectedly at byte \(offset)"
        case .unexpectedCharacter: "unexpected character at byte \(offset)"
        case .invalidNumber: "malformed number at byte \(offset)"
        case .invalidEscape: "malformed escape sequence at byte \(offset)"
        case .invalidString: "control character in string at byte \(offset)"
        case .duplicateKey: "duplicate object key at byte \(offset)"
        case .tooDeep: "nesting deeper than \(JSONParser.maximumDepth) at byte \(offset)"
        case .trailingData: "data after the JSON value at byte \(offset)"
        }
    }
}
