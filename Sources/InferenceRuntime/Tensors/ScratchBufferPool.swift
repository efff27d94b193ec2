import Synchronization

/// Reusable work memory for model forward passes: a call borrows a buffer at least as large as
/// it needs and gives it back, so steady traffic does not map (and page-fault) fresh memory on
/// every request. Concurrent calls borrow different buffers.
final class ScratchBufferPool: Sendable {
    private let idle = Mutex<[AlignedFloatBuffer]>([])
    private let keptBuffers: Int

    /// A pool that keeps at most `keptBuffers` idle buffers.
    init(keptBuffers: Int = 4) { self.keptBuffers = keptBuffers }

    /// Lends `body` at least `count` floats of uninitialized scratch memory, 64-byte aligned.
    func withBuffer<Result>(
        count: Int, _ body: (UnsafeMutablePointer<Float>) throws -> Result
    ) rethrows -> Result {
        let buffer = idle.withLock { buffers -> AlignedFloatBuffer? in
            guard let index = buffers.firstIndex(where: { $0.count >= count }) else { return nil }
            return buffers.remove(at: index)
        } ?? AlignedFloatBuffer(count: count, zeroed: false)
        defer {
            idle.withLock { buffers in
                buffers.append(buffer)
                if buffers.count > keptBuffers {
                    buffers.sort { $0.count > $1.count }
                    buffers.removeLast()
                }
            }
        }
        return try body(buffer.baseAddress)
    }
}
