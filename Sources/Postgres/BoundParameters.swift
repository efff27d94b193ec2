import CLibPQ
import Foundation

/// Statement parameters in the arrays `PQexecParams` and `PQexecPrepared` take: one type OID,
/// format, length and value pointer per parameter, the values packed into one buffer.
struct BoundParameters {
    /// One type OID per parameter.
    private(set) var types: [Oid] = []
    /// 1 for binary, 0 for text.
    private(set) var formats: [Int32] = []
    /// Byte lengths (used by libpq for binary values only).
    private(set) var lengths: [Int32] = []
    /// Offsets into `bytes`; nil for NULL.
    private(set) var offsets: [Int?] = []
    /// All values, text ones followed by a NUL byte; never empty, so that an empty value still
    /// gets a non-null pointer (a null pointer means SQL NULL to libpq).
    private(set) var bytes: [UInt8] = []

    /// Seconds from 2000-01-01 (PostgreSQL's epoch) to 2001-01-01 (Foundation's).
    static let postgresEpochToReferenceDate: Int64 = 31_622_400

    var count: Int { types.count }

    init(_ values: [PostgresValue]) throws(PostgresError) {
        types.reserveCapacity(values.count)
        formats.reserveCapacity(values.count)
        lengths.reserveCapacity(values.count)
        offsets.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            try append(value, position: index + 1)
        }
        bytes.append(0)
    }

    private mutating func append(_ value: PostgresValue, position: Int) throws(PostgresError) {
        let start = bytes.count
        var format: Int32 = 1
        switch value {
        case .null:
            types.append(value.dataType.rawValue)
            formats.append(0)
            lengths.append(0)
            offsets.append(nil)
            return
        case .int16(let v): appendBigEndian(v)
        case .int32(let v): appendBigEndian(v)
        case .int64(let v): appendBigEndian(v)
        case .double(let v): appendBigEndian(v.bitPattern)
        case .bool(let v): bytes.append(v ? 1 : 0)
        case .text(let v):
            try appendText(v, position: position, type: "text")
        case .bytea(let v): bytes.append(contentsOf: v)
        case .timestamptz(let date):
            let micros = date.timeIntervalSinceReferenceDate * 1_000_000
            guard micros.isFinite, abs(micros) < 9.0e18 else {
                throw PostgresError(
                    code: .invalidParameter,
                    message: "parameter $\(position) is a date too far from the present for timestamptz")
            }
            appendBigEndian(Int64(micros.rounded()) + Self.postgresEpochToReferenceDate * 1_000_000)
        case .uuid(let v):
            withUnsafeBytes(of: v.uuid) { bytes.append(contentsOf: $0) }
        case .jsonb(let v):
            bytes.append(1)  // jsonb binary format version
            try appendText(v, position: position, type: "jsonb")
        case .numeric(let v):
            try appendText(v, position: position, type: "numeric")
            format = 0
        }
        types.append(value.dataType.rawValue)
        formats.append(format)
        let length = bytes.count - start
        guard length <= Int(Int32.max) else {
            throw PostgresError(
                code: .invalidParameter, message: "parameter $\(position) is larger than 2 GiB")
        }
        lengths.append(Int32(length))
        offsets.append(start)
        if format == 0 { bytes.append(0) }
    }

    private mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func appendText(_ text: String, position: Int, type: String) throws(PostgresError) {
        let utf8 = text.utf8
        if utf8.contains(0) {
            throw PostgresError(
                code: .invalidParameter,
                message: "parameter $\(position) contains a NUL character, which PostgreSQL \(type) cannot store")
        }
        bytes.append(contentsOf: utf8)
    }

    /// Lends the C arrays for one libpq call.
    func withUnsafeArguments<R>(
        _ body: (
            _ count: Int32, _ types: UnsafePointer<Oid>?, _ values: UnsafePointer<UnsafePointer<CChar>?>?,
            _ lengths: UnsafePointer<Int32>?, _ formats: UnsafePointer<Int32>?
        ) -> R
    ) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            let values: [UnsafePointer<CChar>?] = offsets.map { offset in
                offset.map { (base + $0).assumingMemoryBound(to: CChar.self) }
            }
            return types.withUnsafeBufferPointer { types in
                values.withUnsafeBufferPointer { values in
                    lengths.withUnsafeBufferPointer { lengths in
                        formats.withUnsafeBufferPointer { formats in
                            body(
                                Int32(count), types.baseAddress, values.baseAddress, lengths.baseAddress,
                                formats.baseAddress)
                        }
                    }
                }
            }
        }
    }
}
