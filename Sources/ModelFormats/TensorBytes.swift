/// The bytes of one tensor inside a ``MappedFile``, without a copy.
///
/// The view keeps the file mapped for as long as it lives, so it may be stored in a model and
/// shared between threads.
public struct TensorBytes: Sendable {
    /// The file the bytes live in.
    public let file: MappedFile
    /// The byte range within the file.
    public let range: Range<Int>

    /// Makes a view of `range` in `file`.
    /// - Throws: ``ModelFormatError`` with code `tensorOutOfRange` when the range is not inside the file.
    public init(file: MappedFile, range: Range<Int>) throws {
        guard range.lowerBound >= 0, range.upperBound <= file.count else {
            throw ModelFormatError(
                .tensorOutOfRange, file: file.path, offset: range.lowerBound,
                message: "byte range \(range) is outside the file of \(file.count) bytes")
        }
        self.init(validated: range, in: file)
    }

    /// Makes a view of a range the caller has already checked against the file.
    init(validated range: Range<Int>, in file: MappedFile) {
        self.file = file
        self.range = range
    }

    /// The number of bytes.
    public var count: Int { range.count }

    /// The bytes, valid while this view (or its file) is alive. Prefer ``withUnsafeBytes(_:)``.
    public var unsafeBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: file.unsafeBytes[range])
    }

    /// Lends the bytes to `body`.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try file.withUnsafeBytes { (all: UnsafeRawBufferPointer) throws(Failure) -> Result in
            try body(UnsafeRawBufferPointer(rebasing: all[range]))
        }
    }

    /// Whether the first byte sits on a multiple of `alignment` in memory.
    public func isAligned(to alignment: Int) -> Bool {
        guard let start = unsafeBytes.baseAddress else { return true }
        return Int(bitPattern: start) % alignment == 0
    }
}
