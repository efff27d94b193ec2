/// A heap buffer of floats aligned to a 64-byte cache line, as the AVX2 kernels load it.
///
/// `@unchecked Sendable`: owners fill the buffer while they hold the only reference (during
/// their own initialization) and only read it after sharing it.
final class AlignedFloatBuffer: @unchecked Sendable {
    /// The first float; valid for `count` floats.
    let baseAddress: UnsafeMutablePointer<Float>
    /// The number of floats.
    let count: Int

    /// Allocates `count` floats set to zero.
    init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(1, count) * MemoryLayout<Float>.stride, alignment: 64)
        baseAddress = raw.bindMemory(to: Float.self, capacity: max(1, count))
        baseAddress.initialize(repeating: 0, count: max(1, count))
    }

    deinit { UnsafeMutableRawPointer(baseAddress).deallocate() }

    /// The floats as a buffer.
    var buffer: UnsafeMutableBufferPointer<Float> { .init(start: baseAddress, count: count) }
}
