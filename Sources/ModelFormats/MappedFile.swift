import Foundation

/// The read-only bytes of a model file, memory-mapped so that weights are loaded lazily by the
/// kernel and shared between every model instance and process that maps the same file.
///
/// Bytes given in memory (tests, generated files) are copied into an owned allocation instead.
/// The mapping is released when the last reference goes away; views such as ``TensorBytes``
/// hold a reference, so their pointers stay valid as long as the view lives.
public final class MappedFile: @unchecked Sendable {
    // Sendable: every stored property is immutable after init, and the bytes behind `base` are
    // mapped PROT_READ (or an owned copy no one writes to), so concurrent reads are safe.

    /// The path the file was opened from, or the name given to in-memory bytes.
    public let path: String
    /// The file's size in bytes.
    public let count: Int

    private let base: UnsafeRawPointer?
    private let storage: Storage

    private enum Storage {
        case mapped
        case owned
        case empty
    }

    /// Maps the file at `path` read-only.
    /// - Throws: ``ModelFormatError`` with code `fileUnreadable` when the file cannot be opened,
    ///   is not a regular file, or cannot be mapped.
    public init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ModelFormatError(
                .fileUnreadable, file: path,
                message: "cannot open the file (\(String(cString: strerror(errno)))); check the path")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ModelFormatError(
                .fileUnreadable, file: path, message: "cannot stat the file (\(String(cString: strerror(errno))))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw ModelFormatError(.fileUnreadable, file: path, message: "not a regular file")
        }
        let size = Int(status.st_size)
        count = size
        if size == 0 {
            base = nil
            storage = .empty
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else {
            throw ModelFormatError(
                .fileUnreadable, file: path, message: "cannot map the file (\(String(cString: strerror(errno))))")
        }
        base = UnsafeRawPointer(address)
        storage = .mapped
    }

    /// Copies `bytes` into memory owned by this object; `name` stands in for a path in errors.
    public init(copying bytes: some Collection<UInt8>, name: String) {
        path = name
        count = bytes.count
        if bytes.isEmpty {
            base = nil
            storage = .empty
            return
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 64)
        _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
        base = UnsafeRawPointer(buffer.baseAddress!)
        storage = .owned
    }

    deinit {
        switch storage {
        case .mapped:
            munmap(UnsafeMutableRawPointer(mutating: base), count)
        case .owned:
            base.map { UnsafeMutableRawPointer(mutating: $0).deallocate() }
        case .empty:
            break
        }
    }

    /// All bytes of the file. Valid only while this object is alive; prefer
    /// ``withUnsafeBytes(_:)`` or a ``TensorBytes`` view, which keep it alive.
    public var unsafeBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base, count: count)
    }

    /// Lends all bytes of the file to `body`.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        defer { withExtendedLifetime(self) {} }
        return try body(unsafeBytes)
    }
}
