/// A command line that cannot be used, with a message that says what to change.
public struct CommandLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case unknownCommand = "unknown_command"
        case unknownOption = "unknown_option"
        case missingValue = "missing_value"
        case invalidValue = "invalid_value"
        case missingOption = "missing_option"
        case unexpectedArgument = "unexpected_argument"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
