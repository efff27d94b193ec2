/// A tokenizer that cannot be loaded from its files or metadata.
///
/// Tokenizer files carry no customer data (encoding never throws), so `description` shows the
/// file, the key and the message.
public struct TokenizerError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, as a stable code.
    public enum Code: String, Sendable, Equatable {
        /// The file could not be read.
        case fileUnreadable = "file_unreadable"
        /// The file is not the JSON or text it should be.
        case malformedFile = "malformed_file"
        /// A required entry is missing.
        case missingEntry = "missing_entry"
        /// The tokenizer asks for a model, normalizer or pre-tokenizer this module does not implement.
        case unsupported
        /// Vocabulary, merges or token ids disagree with each other.
        case inconsistentVocabulary = "inconsistent_vocabulary"
    }

    /// The stable code.
    public var code: Code
    /// The file or source (`tokenizer.json`, a GGUF path).
    public var source: String
    /// The key or entry involved, if any.
    public var key: String?
    /// What failed and what to do.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, source: String, key: String? = nil, message: String) {
        self.code = code
        self.source = source
        self.key = key
        self.message = message
    }

    /// `code` in `source` [`key`]: message.
    public var description: String {
        "\(code.rawValue) in \(source)" + (key.map { " [\($0)]" } ?? "") + ": " + message
    }

    /// Same as `description`.
    public var debugDescription: String { "TokenizerError(\(description))" }
}
