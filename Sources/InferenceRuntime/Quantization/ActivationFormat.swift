import ModelFormats

/// How activations are prepared for a product with a weight type: the 8-bit block formats
/// ggml pairs with each weight type, or plain floats.
public enum ActivationFormat: Sendable, Equatable {
    /// Plain f32 rows (weights in F32, BF16 and the k-quants, which are dequantized).
    case float32
    /// f32 rows rounded to f16 precision (for F16 weights: ggml multiplies F16 by F16).
    case float16
    /// Q8_0 blocks {f16 d; int8 q[32]} (for Q8_0, Q4_0 and Q5_0 weights).
    case q8_0
    /// Q8_1 blocks {f16 d; f16 s = d·Σq; int8 q[32]} (for Q4_1 and Q5_1 weights).
    case q8_1

    /// The activation format ggml uses for weights of `type`.
    public init(weightType type: GGMLType) {
        switch type {
        case .q8_0, .q4_0, .q5_0: self = .q8_0
        case .q4_1, .q5_1: self = .q8_1
        case .f16: self = .float16
        default: self = .float32
        }
    }

    /// Bytes of one row of `columns` activations.
    public func rowBytes(columns: Int) -> Int {
        switch self {
        case .float32, .float16: columns * 4
        case .q8_0: columns / 32 * 34
        case .q8_1: columns / 32 * 36
        }
    }
}
