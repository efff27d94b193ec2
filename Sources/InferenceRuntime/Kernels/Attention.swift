import CInferenceKernels
import ModelFormats

/// Scaled dot-product attention, softmax(Q·Kᵀ/√d + mask)·V, for the two shapes the models
/// need: bidirectional self-attention over a padded batch (encoders), and causal attention of
/// new tokens over a `KeyValueCache` with grouped-query heads (decoders).
public enum Attention {
    /// Bidirectional multi-head self-attention of several sequences packed one after another
    /// (no padding rows): every token attends to every token of its own sequence.
    ///
    /// `queries`, `keys`, `values`: token rows, `stride` floats apart, each holding `heads`
    /// heads of `headSize` floats. `sequences`: the token rows of each sequence. `output`: rows
    /// of `heads * headSize`, `outputStride` apart. (sequence, head) pairs run in parallel.
    public static func bidirectional(
        queries: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>,
        stride: Int, sequences: [Range<Int>], heads: Int, headSize: Int,
        output: UnsafeMutablePointer<Float>, outputStride: Int,
        pool: ComputeThreadPool?, backend: KernelBackend = .best
    ) {
        guard heads > 0, !sequences.isEmpty else { return }
        let scale = 1 / Float(headSize).squareRoot()
        let body: (Int) -> Void = { task in
            let sequence = sequences[task / heads]
            let offset = (task % heads) * headSize
            let length = sequence.count
            guard length > 0 else { return }
            let first = sequence.lowerBound
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: length * length)
            defer { scores.deallocate() }
            // scores (length, length) = Q_h · K_hᵀ
            let packedKeys = PackedMatrix(
                weightRows: keys + first * stride + offset, outputs: length, inputs: headSize,
                rowStride: stride)
            MatrixMultiplication.multiply(
                queries + first * stride + offset, rows: length, aStride: stride, by: packedKeys,
                into: scores, cStride: length, backend: backend)
            for t in 0..<length {
                let row = scores + t * length
                for j in 0..<length { row[j] *= scale }
                Softmax.apply(row, count: length, backend: backend)
            }
            // output_h (length, headSize) = P · V_h
            let packedValues = PackedMatrix(
                matrixRows: values + first * stride + offset, depth: length, columns: headSize,
                rowStride: stride)
            MatrixMultiplication.multiply(
                scores, rows: length, aStride: length, by: packedValues,
                into: output + first * outputStride + offset, cStride: outputStride,
                backend: backend)
        }
        let tasks = sequences.count * heads
        if let pool { pool.parallelFor(tasks, body) } else { for task in 0..<tasks { body(task) } }
    }

    /// Causal attention of `tokens` new tokens (at positions `start ..< start + tokens`) over
    /// the keys and values of `layer` in `cache` (which must already hold them).
    ///
    /// `queries`: `tokens` rows of `heads * headSize`, `queryStride` apart. Query head h reads
    /// key/value head h / (heads / kvHeads) (grouped-query attention). `output`: `tokens` rows
    /// of `heads * headSize`, `outputStride` apart. With an f16 cache the query and the
    /// attention weights are rounded to f16 before their products, as ggml computes them.
    public static func causal(
        queries: UnsafePointer<Float>, queryStride: Int, tokens: Int, start: Int, heads: Int,
        cache: KeyValueCache, layer: Int,
        output: UnsafeMutablePointer<Float>, outputStride: Int,
        pool: ComputeThreadPool?, backend: KernelBackend = .best
    ) {
        let headSize = cache.headSize
        let group = max(1, heads / cache.kvHeads)
        let scale = 1 / Float(headSize).squareRoot()
        let rowBytes = cache.rowWidth * cache.precision.byteSize
        let half = cache.precision == .float16
        let keyBase = UnsafeRawPointer(cache.keyRows(layer: layer, position: 0))
        let valueBase = UnsafeRawPointer(cache.valueRows(layer: layer, position: 0))
        let body: (Int) -> Void = { task in
            let head = task % heads, t = task / heads
            let kvOffset = (head / group) * headSize * cache.precision.byteSize
            let positions = start + t + 1
            let out = output + t * outputStride + head * headSize
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: positions + headSize)
            defer { scratch.deallocate() }
            let scores = scratch, q = scratch + positions
            q.update(from: queries + t * queryStride + head * headSize, count: headSize)
            if half { roundToHalf(q, count: headSize) }
            for p in 0..<positions {
                let key = keyBase + p * rowBytes + kvOffset
                scores[p] = (half
                    ? halfDot(key.assumingMemoryBound(to: UInt16.self), q, count: headSize, backend: backend)
                    : VectorMath.dot(key.assumingMemoryBound(to: Float.self), q, count: headSize, backend: backend))
                    * scale
            }
            Softmax.apply(scores, count: positions, backend: backend)
            if half { roundToHalf(scores, count: positions) }
            out.update(repeating: 0, count: headSize)
            for p in 0..<positions {
                let value = valueBase + p * rowBytes + kvOffset
                if half {
                    halfAxpy(scores[p], value.assumingMemoryBound(to: UInt16.self), out, count: headSize, backend: backend)
                } else {
                    VectorMath.axpy(scores[p], value.assumingMemoryBound(to: Float.self), out, count: headSize,
                                    backend: backend)
                }
            }
        }
        let tasks = heads * tokens
        if let pool, tasks > 1 { pool.parallelFor(tasks, body) } else {
            for task in 0..<tasks { body(task) }
        }
    }

    private static func roundToHalf(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] = HalfPrecision.float(fromBits: HalfPrecision.bits(from: x[i])) }
    }

    private static func halfDot(
        _ x: UnsafePointer<UInt16>, _ y: UnsafePointer<Float>, count: Int, backend: KernelBackend
    ) -> Float {
        #if arch(x86_64)
        if backend == .avx2 { return cik_dot_f16_f32_avx2(count, x, y) }
        #endif
        return PortableQuantizedKernels.dotF16(count, UnsafeRawPointer(x), y)
    }

    private static func halfAxpy(
        _ alpha: Float, _ x: UnsafePointer<UInt16>, _ y: UnsafeMutablePointer<Float>, count: Int,
        backend: KernelBackend
    ) {
        #if arch(x86_64)
        if backend == .avx2 {
            cik_axpy_f16_avx2(count, alpha, x, y)
            return
        }
        #endif
        for i in 0..<count { y[i] += alpha * HalfPrecision.float(fromBits: x[i]) }
    }
}
