/// One GGUF metadata value; arrays may nest.
public enum GGUFValue: Sendable, Equatable {
    /// u8.
    case uint8(UInt8)
    /// i8.
    case int8(Int8)
    /// u16.
    case uint16(UInt16)
    /// i16.
    case int16(Int16)
    /// u32.
    case uint32(UInt32)
    /// i32.
    case int32(Int32)
    /// f32.
    case float32(Float)
    /// Boolean.
    case bool(Bool)
    /// UTF-8 string.
    case string(String)
    /// An array of values of one element type (nested arrays allowed).
    case array(elementType: GGUFValueType, values: [GGUFValue])
    /// u64.
    case uint64(UInt64)
    /// i64.
    case int64(Int64)
    /// f64.
    case float64(Double)

    /// The value's type tag.
    public var type: GGUFValueType {
        switch self {
        case .uint8: .uint8
        case .int8: .int8
        case .uint16: .uint16
        case .int16: .int16
        case .uint32: .uint32
        case .int32: .int32
        case .float32: .float32
        case .bool: .bool
        case .string: .string
        case .array: .array
        case .uint64: .uint64
        case .int64: .int64
        case .float64: .float64
        }
    }

    /// The value as an `Int` when it is an integer of any width that fits.
    public var intValue: Int? {
        switch self {
        case .uint8(let v): Int(v)
        case .int8(let v): Int(v)
        case .uint16(let v): Int(v)
        case .int16(let v): Int(v)
        case .uint32(let v): Int(v)
        case .int32(let v): Int(v)
        case .uint64(let v): Int(exactly: v)
        case .int64(let v): Int(v)
        default: nil
        }
    }

    /// The value as a `Double` when it is a float or an integer.
    public var doubleValue: Double? {
        switch self {
        case .float32(let v): Double(v)
        case .float64(let v): v
        default: intValue.map(Double.init)
        }
    }

    /// The string, when the value is one.
    public var stringValue: String? {
        if case .string(let v) = self { v } else { nil }
    }

    /// The boolean, when the value is one.
    public var boolValue: Bool? {
        if case .bool(let v) = self { v } else { nil }
    }

    /// The elements, when the value is an array.
    public var arrayValue: [GGUFValue]? {
        if case .array(_, let values) = self { values } else { nil }
    }

    /// A short description of the type for error messages (`array of string`).
    var typeDescription: String {
        if case .array(let elementType, _) = self { return "array of \(elementType)" }
        return type.description
    }
}
