/// An error of the inference runtime: a stable code, a generic description that never carries
/// request data, and the details in `debugDescription`.
public struct InferenceError: Error, Sendable, Equatable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Equatable {
        /// A tensor or buffer does not have the shape an operation or a config requires.
        case shapeMismatch = "shape_mismatch"
        /// A checkpoint lacks a tensor the architecture needs.
        case missingTensor = "missing_tensor"
        /// A tensor is stored in an element type the runtime cannot compute with.
        case unsupportedTensorType = "unsupported_tensor_type"
        /// An argument is out of its documented range.
        case invalidArgument = "invalid_argument"
        /// A model configuration is inconsistent.
        case invalidConfiguration = "invalid_configuration"
        /// The request was cancelled before it finished.
        case cancelled = "cancelled"
        /// The request's deadline passed before it finished.
        case deadlineExceeded = "deadline_exceeded"
        /// The request queue is full; try again later.
        case queueFull = "queue_full"
        /// The runtime was shut down.
        case shutDown = "shut_down"
    }

    /// The stable error code.
    public let code: Code
    /// Details for operators: tensor names, shapes, limits. Never request text.
    public let detail: String

    /// Creates an error with a code and operator-facing details.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// Whether the same request may succeed if tried again later.
    public var isRetriable: Bool {
        switch code {
        case .queueFull, .deadlineExceeded: true
        default: false
        }
    }

    /// A generic message naming the kind of failure.
    public var description: String {
        switch code {
        case .shapeMismatch: "inference error (shape_mismatch): tensor shapes do not match"
        case .missingTensor: "inference error (missing_tensor): the checkpoint lacks a tensor"
        case .unsupportedTensorType:
            "inference error (unsupported_tensor_type): a tensor type is not supported"
        case .invalidArgument: "inference error (invalid_argument): an argument is out of range"
        case .invalidConfiguration:
            "inference error (invalid_configuration): the model configuration is inconsistent"
        case .cancelled: "inference error (cancelled): the request was cancelled"
        case .deadlineExceeded: "inference error (deadline_exceeded): the request's deadline passed"
        case .queueFull: "inference error (queue_full): the request queue is full, try again later"
        case .shutDown: "inference error (shut_down): the runtime is shut down"
        }
    }

    /// The generic message followed by the details.
    public var debugDescription: String { "\(description): \(detail)" }
}
