import Foundation

/// A Swift type that can be read from a column value.
///
/// Conformances: `Int16`, `Int32`, `Int64`, `Int` (from int2/int4/int8, and numeric when
/// integral), `Double` (float4/float8, integers, numeric), `Float` (float4), `Bool`, `String`
/// (text types, json/jsonb, numeric, uuid), `Decimal` (numeric, integers), `[UInt8]` and `Data`
/// (bytea; Data also json/jsonb/text), `Date` (timestamptz, timestamp as UTC, date as UTC
/// midnight), `UUID`, and `Optional` of any of these, which reads SQL NULL as nil.
public protocol PostgresDecodable {
    /// Reads a non-NULL value; throws ``PostgresCell/decodingError(expected:reason:)`` errors.
    init(postgresCell cell: PostgresCell) throws(PostgresError)

    /// The value for SQL NULL. The default throws `decodingFailed`; `Optional` returns nil.
    static func postgresNull(_ cell: PostgresCell) throws(PostgresError) -> Self
}

extension PostgresDecodable {
    public static func postgresNull(_ cell: PostgresCell) throws(PostgresError) -> Self {
        throw cell.decodingError(
            expected: Self.self, reason: "the value is NULL; decode an Optional to accept NULL")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        self = .some(try Wrapped(postgresCell: cell))
    }

    public static func postgresNull(_ cell: PostgresCell) throws(PostgresError) -> Wrapped? {
        nil
    }
}

// MARK: Integers

extension PostgresCell {
    /// The value of an int2/int4/int8/oid column, or of an integral numeric.
    func integerValue(expected: Any.Type) throws(PostgresError) -> Int64 {
        let type = dataType
        return try withUnsafeBytes { bytes throws(PostgresError) -> Int64 in
            switch (type, bytes.count) {
            case (.int2, 2): return Int64(bytes.readBigEndian(Int16.self))
            case (.int4, 4): return Int64(bytes.readBigEndian(Int32.self))
            case (.int8, 8): return bytes.readBigEndian(Int64.self)
            case (.oid, 4): return Int64(bytes.readBigEndian(UInt32.self))
            case (.numeric, _):
                guard let text = PostgresNumeric.text(from: bytes) else {
                    throw decodingError(expected: expected, reason: "malformed numeric value")
                }
                guard let value = PostgresNumeric.integer(fromText: text) else {
                    throw decodingError(
                        expected: expected,
                        reason: "the numeric value is not an integer that fits Int64 (has a fraction, is too large, or NaN/Infinity)")
                }
                return value
            case (.int2, _), (.int4, _), (.int8, _), (.oid, _):
                throw decodingError(expected: expected, reason: "unexpected length \(bytes.count)")
            default:
                throw unsupportedTypeError(expected: expected)
            }
        }
    }

    func narrowInteger<T: FixedWidthInteger>(_ type: T.Type) throws(PostgresError) -> T {
        let value = try integerValue(expected: type)
        guard let narrowed = T(exactly: value) else {
            throw decodingError(expected: type, reason: "the value is out of range for \(type)")
        }
        return narrowed
    }
}

extension Int16: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        self = try cell.narrowInteger(Int16.self)
    }
}

extension Int32: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        self = try cell.narrowInteger(Int32.self)
    }
}

extension Int64: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        self = try cell.integerValue(expected: Int64.self)
    }
}

extension Int: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        self = try cell.narrowInteger(Int.self)
    }
}

// MARK: Floating point and numeric

extension Double: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        let type = cell.dataType
        switch type {
        case .float4, .float8:
            self = try cell.withUnsafeBytes { bytes throws(PostgresError) -> Double in
                switch bytes.count {
                case 4: return Double(Float(bitPattern: bytes.readBigEndian(UInt32.self)))
                case 8: return Double(bitPattern: bytes.readBigEndian(UInt64.self))
                default: throw cell.decodingError(expected: Double.self, reason: "unexpected length \(bytes.count)")
                }
            }
        case .numeric:
            let text = try String(postgresCell: cell)
            guard let value = Double(text) else {
                throw cell.decodingError(expected: Double.self, reason: "malformed numeric value")
            }
            self = value
        case .int2, .int4, .int8:
            self = Double(try cell.integerValue(expected: Double.self))
        default:
            throw cell.unsupportedTypeError(expected: Double.self)
        }
    }
}

extension Float: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        guard cell.dataType == .float4 else { throw cell.unsupportedTypeError(expected: Float.self) }
        self = try cell.withUnsafeBytes { bytes throws(PostgresError) -> Float in
            guard bytes.count == 4 else {
                throw cell.decodingError(expected: Float.self, reason: "unexpected length \(bytes.count)")
            }
            return Float(bitPattern: bytes.readBigEndian(UInt32.self))
        }
    }
}

extension Decimal: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        switch cell.dataType {
        case .numeric:
            let text = try String(postgresCell: cell)
            if text == "NaN" {
                self = .nan
            } else if let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !text.hasSuffix("Infinity") {
                self = value
            } else {
                throw cell.decodingError(expected: Decimal.self, reason: "the numeric value is infinite or malformed")
            }
        case .int2, .int4, .int8:
            self = Decimal(try cell.integerValue(expected: Decimal.self))
        default:
            throw cell.unsupportedTypeError(expected: Decimal.self)
        }
    }
}

// MARK: Bool, text, bytes

extension Bool: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        guard cell.dataType == .bool else { throw cell.unsupportedTypeError(expected: Bool.self) }
        self = try cell.withUnsafeBytes { bytes throws(PostgresError) -> Bool in
            guard bytes.count == 1 else {
                throw cell.decodingError(expected: Bool.self, reason: "unexpected length \(bytes.count)")
            }
            return bytes[0] != 0
        }
    }
}

extension String: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        let type = cell.dataType
        self = try cell.withUnsafeBytes { bytes throws(PostgresError) -> String in
            switch type {
            case _ where type.isTextual:
                return try Self.validUTF8(bytes, cell: cell)
            case .jsonb:
                guard bytes.first == 1 else {
                    throw cell.decodingError(expected: String.self, reason: "unknown jsonb format version")
                }
                return try Self.validUTF8(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), cell: cell)
            case .numeric:
                guard let text = PostgresNumeric.text(from: bytes) else {
                    throw cell.decodingError(expected: String.self, reason: "malformed numeric value")
                }
                return text
            case .uuid:
                guard bytes.count == 16 else {
                    throw cell.decodingError(expected: String.self, reason: "unexpected length \(bytes.count)")
                }
                return UUID(postgresBytes: bytes).uuidString.lowercased()
            default:
                throw cell.unsupportedTypeError(expected: String.self)
            }
        }
    }

    private static func validUTF8(_ bytes: UnsafeRawBufferPointer, cell: PostgresCell) throws(PostgresError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw cell.decodingError(expected: String.self, reason: "the text is not valid UTF-8")
        }
        return text
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        guard cell.dataType == .bytea else { throw cell.unsupportedTypeError(expected: [UInt8].self) }
        self = cell.withUnsafeBytes { [UInt8]($0) }
    }
}

extension Data: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        let type = cell.dataType
        self = try cell.withUnsafeBytes { bytes throws(PostgresError) -> Data in
            switch type {
            case .bytea, .json, .text, .varchar, .bpchar, .unknown:
                return Data(bytes)
            case .jsonb:
                guard bytes.first == 1 else {
                    throw cell.decodingError(expected: Data.self, reason: "unknown jsonb format version")
                }
                return Data(bytes.dropFirst())
            default:
                throw cell.unsupportedTypeError(expected: Data.self)
            }
        }
    }
}

// MARK: Dates and UUIDs

extension Date: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        let type = cell.dataType
        let microsecondsSince2000 = try cell.withUnsafeBytes { bytes throws(PostgresError) -> Int64 in
            switch (type, bytes.count) {
            case (.timestamptz, 8), (.timestamp, 8):
                let micros = bytes.readBigEndian(Int64.self)
                guard micros != .max, micros != .min else {
                    throw cell.decodingError(expected: Date.self, reason: "the timestamp is infinity")
                }
                return micros
            case (.date, 4):
                let days = bytes.readBigEndian(Int32.self)
                guard days != .max, days != .min else {
                    throw cell.decodingError(expected: Date.self, reason: "the date is infinity")
                }
                return Int64(days) * 86_400 * 1_000_000
            case (.timestamptz, _), (.timestamp, _), (.date, _):
                throw cell.decodingError(expected: Date.self, reason: "unexpected length \(bytes.count)")
            default:
                throw cell.unsupportedTypeError(expected: Date.self)
            }
        }
        let sinceReferenceDate = microsecondsSince2000 - BoundParameters.postgresEpochToReferenceDate * 1_000_000
        self = Date(timeIntervalSinceReferenceDate: Double(sinceReferenceDate) / 1_000_000)
    }
}

extension UUID: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws(PostgresError) {
        guard cell.dataType == .uuid else { throw cell.unsupportedTypeError(expected: UUID.self) }
        self = try cell.withUnsafeBytes { bytes throws(PostgresError) -> UUID in
            guard bytes.count == 16 else {
                throw cell.decodingError(expected: UUID.self, reason: "unexpected length \(bytes.count)")
            }
            return UUID(postgresBytes: bytes)
        }
    }
}

extension UUID {
    /// A UUID from its 16 bytes in network order.
    init(postgresBytes bytes: UnsafeRawBufferPointer) {
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: bytes) }
        self.init(uuid: value)
    }
}
