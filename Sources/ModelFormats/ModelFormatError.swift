/// A model file that cannot be read, or whose contents do not make sense.
///
/// The message names the file, the tensor or metadata key, and the byte offset where the
/// problem was found. Model files carry no customer data, so `description` shows all of it.
public struct ModelFormatError: Error, Sendable, Equatable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    /// What went wrong, as a stable code for programs and logs.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The file could not be opened or mapped.
        case fileUnreadable = "file_unreadable"
        /// The file ends before a structure it announces.
        case truncated
        /// The file does not start with the format's magic bytes.
        case wrongMagic = "wrong_magic"
        /// The format version is not one this reader understands.
        case unsupportedVersion = "unsupported_version"
        /// A header length points beyond the end of the file.
        case headerOutOfRange = "header_out_of_range"
        /// The header is not well formed (bad JSON, wrong field types, bad counts).
        case malformedHeader = "malformed_header"
        /// A tensor's data lies (partly) outside the file's data section.
        case tensorOutOfRange = "tensor_out_of_range"
        /// A tensor's data does not start on the required alignment.
        case misalignedTensor = "misaligned_tensor"
        /// A safetensors dtype this reader does not know.
        case unknownDType = "unknown_dtype"
        /// A ggml tensor type id this reader does not know.
        case unknownGGMLType = "unknown_ggml_type"
        /// A tensor's shape does not match its byte size or block layout.
        case shapeMismatch = "shape_mismatch"
        /// Two tensors or two metadata entries share a name.
        case duplicateName = "duplicate_name"
        /// A tensor asked for by name is not in the file.
        case missingTensor = "missing_tensor"
        /// A metadata or configuration key that is required is absent.
        case missingKey = "missing_key"
        /// A metadata or configuration key holds a value of the wrong type.
        case wrongKeyType = "wrong_key_type"
        /// A metadata or configuration value is out of its valid range.
        case invalidValue = "invalid_value"
    }

    /// The stable code.
    public var code: Code
    /// The file (a path or a name given by the caller).
    public var file: String
    /// The tensor name or metadata key involved, if any.
    public var subject: String?
    /// The byte offset in the file where the problem was found, if known.
    public var offset: Int?
    /// What failed and what to do, in words.
    public var message: String

    /// Makes an error.
    public init(_ code: Code, file: String, subject: String? = nil, offset: Int? = nil, message: String) {
        self.code = code
        self.file = file
        self.subject = subject
        self.offset = offset
        self.message = message
    }

    /// `code` in `file` [`subject`] at offset N: message.
    public var description: String {
        var text = "\(code.rawValue) in \(fileName)"
        if let subject { text += " [\(subject)]" }
        if let offset { text += " at offset \(offset)" }
        return text + ": " + message
    }

    /// The description with the full path of the file.
    public var debugDescription: String {
        "ModelFormatError(\(description); path: \(file))"
    }

    private var fileName: String {
        file.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? file
    }
}
