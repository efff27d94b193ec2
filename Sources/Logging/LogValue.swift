/// A structured metadata value of a log record.
public enum LogValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case array([LogValue])
    case object([String: LogValue])
}

extension LogValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension LogValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension LogValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension LogValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension LogValue {
    /// A string value from anything printable.
    public static func describing(_ value: some CustomStringConvertible) -> LogValue {
        .string(value.description)
    }

    /// An integer value from any binary integer (saturating at the bounds of `Int64`).
    public static func integer(_ value: some BinaryInteger) -> LogValue {
        .int(Int64(clamping: value))
    }
}

/// Metadata attached to a log record or a logger.
public typealias LogMetadata = [String: LogValue]
