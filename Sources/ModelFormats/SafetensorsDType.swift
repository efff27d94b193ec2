/// A safetensors element type, as spelled in the header (`"F32"`, `"BF16"`, ...).
public enum SafetensorsDType: String, Sendable, CaseIterable {
    /// 64-bit float.
    case f64 = "F64"
    /// 32-bit float.
    case f32 = "F32"
    /// 16-bit IEEE float.
    case f16 = "F16"
    /// bfloat16.
    case bf16 = "BF16"
    /// 8-bit float, e4m3.
    case f8e4m3 = "F8_E4M3"
    /// 8-bit float, e5m2.
    case f8e5m2 = "F8_E5M2"
    /// Signed 64-bit integer.
    case i64 = "I64"
    /// Signed 32-bit integer.
    case i32 = "I32"
    /// Signed 16-bit integer.
    case i16 = "I16"
    /// Signed 8-bit integer.
    case i8 = "I8"
    /// Unsigned 64-bit integer.
    case u64 = "U64"
    /// Unsigned 32-bit integer.
    case u32 = "U32"
    /// Unsigned 16-bit integer.
    case u16 = "U16"
    /// Unsigned 8-bit integer.
    case u8 = "U8"
    /// One-byte boolean.
    case bool = "BOOL"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .f64, .i64, .u64: 8
        case .f32, .i32, .u32: 4
        case .f16, .bf16, .i16, .u16: 2
        case .f8e4m3, .f8e5m2, .i8, .u8, .bool: 1
        }
    }
}
