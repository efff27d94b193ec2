/// A ggml tensor type, with the ids used in GGUF files (ggml.h `enum ggml_type`).
///
/// Quantized types store `blockSize` consecutive values of the innermost dimension in one block
/// of `bytesPerBlock` bytes; plain types have a block size of 1.
public enum GGMLType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    /// 32-bit IEEE float.
    case f32 = 0
    /// 16-bit IEEE float.
    case f16 = 1
    /// 4-bit, blocks of 32: f16 scale `d`, 16 bytes of nibbles; value = d × (q − 8).
    case q4_0 = 2
    /// 4-bit, blocks of 32: f16 scale `d`, f16 minimum `m`, 16 bytes of nibbles; value = d × q + m.
    case q4_1 = 3
    /// 5-bit, blocks of 32: f16 `d`, 4 bytes of high bits, 16 bytes of nibbles.
    case q5_0 = 6
    /// 5-bit, blocks of 32: f16 `d`, f16 `m`, 4 bytes of high bits, 16 bytes of nibbles.
    case q5_1 = 7
    /// 8-bit, blocks of 32: f16 scale `d`, 32 signed bytes; value = d × q.
    case q8_0 = 8
    /// 8-bit, blocks of 32: f16 `d`, f16 `s` (d × sum of q), 32 signed bytes.
    case q8_1 = 9
    /// 2-bit k-quant, super-blocks of 256.
    case q2_K = 10
    /// 3-bit k-quant, super-blocks of 256.
    case q3_K = 11
    /// 4-bit k-quant, super-blocks of 256.
    case q4_K = 12
    /// 5-bit k-quant, super-blocks of 256.
    case q5_K = 13
    /// 6-bit k-quant, super-blocks of 256.
    case q6_K = 14
    /// 8-bit k-quant (activations), super-blocks of 256: f32 `d`, 256 bytes, 16 i16 block sums.
    case q8_K = 15
    /// 2.06-bit i-quant.
    case iq2_XXS = 16
    /// 2.31-bit i-quant.
    case iq2_XS = 17
    /// 3.06-bit i-quant.
    case iq3_XXS = 18
    /// 1.56-bit i-quant.
    case iq1_S = 19
    /// 4.5-bit non-linear quant, blocks of 32.
    case iq4_NL = 20
    /// 3.44-bit i-quant.
    case iq3_S = 21
    /// 2.5-bit i-quant.
    case iq2_S = 22
    /// 4.25-bit non-linear quant, super-blocks of 256.
    case iq4_XS = 23
    /// 8-bit integer.
    case i8 = 24
    /// 16-bit integer.
    case i16 = 25
    /// 32-bit integer.
    case i32 = 26
    /// 64-bit integer.
    case i64 = 27
    /// 64-bit IEEE float.
    case f64 = 28
    /// 1.75-bit i-quant.
    case iq1_M = 29
    /// bfloat16.
    case bf16 = 30
    /// Ternary, 1.69 bits.
    case tq1_0 = 34
    /// Ternary, 2.06 bits.
    case tq2_0 = 35
    /// Microscaling FP4, blocks of 32.
    case mxfp4 = 39

    /// Values per block (1 for plain types, 32 for the classic quants, 256 for k-quants).
    public var blockSize: Int {
        switch self {
        case .f32, .f16, .bf16, .f64, .i8, .i16, .i32, .i64: 1
        case .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q8_1, .iq4_NL, .mxfp4: 32
        case .q2_K, .q3_K, .q4_K, .q5_K, .q6_K, .q8_K, .iq2_XXS, .iq2_XS, .iq3_XXS, .iq1_S,
            .iq3_S, .iq2_S, .iq4_XS, .iq1_M, .tq1_0, .tq2_0:
            256
        }
    }

    /// Bytes per block.
    public var bytesPerBlock: Int {
        switch self {
        case .f32: 4
        case .f16, .bf16: 2
        case .f64, .i64: 8
        case .i8: 1
        case .i16: 2
        case .i32: 4
        case .q4_0: 18
        case .q4_1: 20
        case .q5_0: 22
        case .q5_1: 24
        case .q8_0: 34
        case .q8_1: 36
        case .q2_K: 84
        case .q3_K: 110
        case .q4_K: 144
        case .q5_K: 176
        case .q6_K: 210
        case .q8_K: 292
        case .iq2_XXS: 66
        case .iq2_XS: 74
        case .iq3_XXS: 98
        case .iq1_S: 50
        case .iq4_NL: 18
        case .iq3_S: 110
        case .iq2_S: 82
        case .iq4_XS: 136
        case .iq1_M: 56
        case .tq1_0: 54
        case .tq2_0: 66
        case .mxfp4: 17
        }
    }

    /// Whether values are stored in quantized blocks rather than one by one.
    public var isQuantized: Bool { blockSize > 1 }

    /// The name ggml prints (`F32`, `Q4_1`, `Q6_K`, ...).
    public var name: String {
        switch self {
        case .f32: "F32"
        case .f16: "F16"
        case .bf16: "BF16"
        case .f64: "F64"
        case .i8: "I8"
        case .i16: "I16"
        case .i32: "I32"
        case .i64: "I64"
        case .q4_0: "Q4_0"
        case .q4_1: "Q4_1"
        case .q5_0: "Q5_0"
        case .q5_1: "Q5_1"
        case .q8_0: "Q8_0"
        case .q8_1: "Q8_1"
        case .q2_K: "Q2_K"
        case .q3_K: "Q3_K"
        case .q4_K: "Q4_K"
        case .q5_K: "Q5_K"
        case .q6_K: "Q6_K"
        case .q8_K: "Q8_K"
        case .iq2_XXS: "IQ2_XXS"
        case .iq2_XS: "IQ2_XS"
        case .iq3_XXS: "IQ3_XXS"
        case .iq1_S: "IQ1_S"
        case .iq4_NL: "IQ4_NL"
        case .iq3_S: "IQ3_S"
        case .iq2_S: "IQ2_S"
        case .iq4_XS: "IQ4_XS"
        case .iq1_M: "IQ1_M"
        case .tq1_0: "TQ1_0"
        case .tq2_0: "TQ2_0"
        case .mxfp4: "MXFP4"
        }
    }

    /// The ggml name.
    public var description: String { name }

    /// The bytes needed for a row of `elementCount` values, or nil when the count is not a
    /// whole number of blocks (or overflows).
    public func rowByteCount(elementCount: Int) -> Int? {
        guard elementCount >= 0, elementCount % blockSize == 0 else { return nil }
        let (bytes, overflow) = (elementCount / blockSize).multipliedReportingOverflow(by: bytesPerBlock)
        return overflow ? nil : bytes
    }
}
