#if canImport(Glibc)
import Glibc
#endif

/// A heap buffer of floats aligned to a 64-byte cache line, as the AVX2 kernels load it.
/// Buffers of 4 MiB and more (a model's packed weights) are allocated in whole, aligned 2 MiB
/// pages and, on Linux, marked for transparent huge pages, so streaming them through the
/// kernels costs few TLB misses.
///
/// `@unchecked Sendable`: owners fill the buffer while they hold the only reference (during
/// their own initialization) and only read it after sharing it.
final class AlignedFloatBuffer: @unchecked Sendable {
    /// The first float; valid for `count` floats.
    let baseAddress: UnsafeMutablePointer<Float>
    /// The number of floats.
    let count: Int

    /// Allocates `count` floats, set to zero unless `zeroed` is false (scratch memory).
    init(count: Int, zeroed: Bool = true) {
        self.count = count
        let hugePage = 2 << 20
        var bytes = max(1, count) * MemoryLayout<Float>.stride
        let huge = bytes >= 4 << 20
        if huge { bytes = (bytes + hugePage - 1) / hugePage * hugePage }
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: huge ? hugePage : 64)
        #if os(Linux)
        if huge { _ = madvise(raw, bytes, Int32(MADV_HUGEPAGE)) }
        #endif
        baseAddress = raw.bindMemory(to: Float.self, capacity: max(1, count))
        if zeroed { baseAddress.initialize(repeating: 0, count: max(1, count)) }
    }

    deinit { UnsafeMutableRawPointer(baseAddress).deallocate() }

    /// The floats as a buffer.
    var buffer: UnsafeMutableBufferPointer<Float> { .init(start: baseAddress, count: count) }
}
