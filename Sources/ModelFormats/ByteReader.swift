/// Reads little-endian values from a byte buffer with bounds checks, throwing `truncated`
/// errors that name the file, what was being read, and the offset.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    let file: String
    private(set) var offset: Int

    init(bytes: UnsafeRawBufferPointer, file: String, offset: Int = 0) {
        self.bytes = bytes
        self.file = file
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    func truncated(_ what: String, needing count: Int) -> ModelFormatError {
        ModelFormatError(
            .truncated, file: file, subject: what, offset: offset,
            message: "needs \(count) more bytes but the file has \(max(remaining, 0)); the file is incomplete")
    }

    mutating func skip(_ count: Int, _ what: String) throws {
        guard count >= 0, count <= remaining else { throw truncated(what, needing: count) }
        offset += count
    }

    mutating func read<T: FixedWidthInteger>(_ type: T.Type, _ what: String) throws -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else { throw truncated(what, needing: size) }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += size
        return T(littleEndian: value)
    }

    mutating func readFloat(_ what: String) throws -> Float {
        Float(bitPattern: try read(UInt32.self, what))
    }

    mutating func readDouble(_ what: String) throws -> Double {
        Double(bitPattern: try read(UInt64.self, what))
    }

    /// A u64 count that must fit in `Int`, named `what` in errors.
    mutating func readCount(_ what: String) throws -> Int {
        let start = offset
        let raw = try read(UInt64.self, what)
        guard raw <= UInt64(Int.max) else {
            throw ModelFormatError(
                .malformedHeader, file: file, subject: what, offset: start, message: "count \(raw) is too large")
        }
        return Int(raw)
    }

    /// A GGUF string: u64 length, then that many UTF-8 bytes (invalid sequences are repaired).
    mutating func readString(_ what: String) throws -> String {
        let start = offset
        let length = try readCount(what)
        guard length <= remaining else {
            offset = start
            throw ModelFormatError(
                .truncated, file: file, subject: what, offset: start,
                message: "string of \(length) bytes runs past the end of the file (\(remaining) bytes left)")
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        offset += length
        return text
    }
}
