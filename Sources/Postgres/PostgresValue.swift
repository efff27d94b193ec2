import Foundation

/// A statement parameter, always sent bound (never spliced into the SQL text).
///
/// Each case maps to one PostgreSQL type and is sent in its binary form, except `numeric`,
/// which is sent as text. Literals work too: `[42, "text", 1.5, true, nil]`.
public enum PostgresValue: Sendable, Hashable {
    /// SQL NULL; the server infers the type from the statement.
    case null
    /// `int2`.
    case int16(Int16)
    /// `int4`.
    case int32(Int32)
    /// `int8`.
    case int64(Int64)
    /// `float8`.
    case double(Double)
    /// `bool`.
    case bool(Bool)
    /// `text` (UTF-8; PostgreSQL text cannot hold the NUL character).
    case text(String)
    /// `bytea`: any bytes, zero bytes included.
    case bytea([UInt8])
    /// `timestamptz`, with microsecond precision.
    case timestamptz(Date)
    /// `uuid`.
    case uuid(UUID)
    /// `jsonb`, from JSON text.
    case jsonb(String)
    /// `numeric`, from its decimal text (`"1234.50"`, `"-0.001"`, `"NaN"`).
    case numeric(String)

    /// `int8` from an `Int`.
    public static func int(_ value: Int) -> PostgresValue { .int64(Int64(value)) }

    /// `jsonb` from UTF-8 JSON bytes.
    public static func jsonb(_ data: Data) -> PostgresValue {
        .jsonb(String(decoding: data, as: UTF8.self))
    }

    /// `numeric` from a `Decimal`.
    public static func numeric(_ value: Decimal) -> PostgresValue {
        value.isNaN ? .numeric("NaN") : .numeric(value.description)
    }

    /// A value from anything that knows its PostgreSQL form; `nil` becomes ``null``.
    public init(_ value: some PostgresEncodable) {
        self = value.postgresValue
    }

    /// The type OID announced to the server.
    public var dataType: PostgresDataType {
        switch self {
        case .null: .unspecified
        case .int16: .int2
        case .int32: .int4
        case .int64: .int8
        case .double: .float8
        case .bool: .bool
        case .text: .text
        case .bytea: .bytea
        case .timestamptz: .timestamptz
        case .uuid: .uuid
        case .jsonb: .jsonb
        case .numeric: .numeric
        }
    }
}

extension PostgresValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension PostgresValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .int64(value) }
}

extension PostgresValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension PostgresValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension PostgresValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}
