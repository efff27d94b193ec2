/// The type tag of a GGUF metadata value (`enum gguf_type`).
public enum GGUFValueType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    /// u8.
    case uint8 = 0
    /// i8.
    case int8 = 1
    /// u16.
    case uint16 = 2
    /// i16.
    case int16 = 3
    /// u32.
    case uint32 = 4
    /// i32.
    case int32 = 5
    /// f32.
    case float32 = 6
    /// A one-byte boolean.
    case bool = 7
    /// A u64 length followed by UTF-8 bytes.
    case string = 8
    /// An element type, a u64 count, then the elements.
    case array = 9
    /// u64.
    case uint64 = 10
    /// i64.
    case int64 = 11
    /// f64.
    case float64 = 12

    /// The lower-case name (`uint32`, `string`, ...).
    public var description: String {
        switch self {
        case .uint8: "uint8"
        case .int8: "int8"
        case .uint16: "uint16"
        case .int16: "int16"
        case .uint32: "uint32"
        case .int32: "int32"
        case .float32: "float32"
        case .bool: "bool"
        case .string: "string"
        case .array: "array"
        case .uint64: "uint64"
        case .int64: "int64"
        case .float64: "float64"
        }
    }

    /// The smallest number of bytes one value of this type takes in a file.
    var minimumEncodedSize: Int {
        switch self {
        case .uint8, .int8, .bool: 1
        case .uint16, .int16: 2
        case .uint32, .int32, .float32: 4
        case .uint64, .int64, .float64, .string: 8
        case .array: 12
        }
    }
}
