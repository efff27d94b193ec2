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
    /// of `heads * headSize`, `outputStride` apart.
    public static func causal(
        queries: UnsafePointer<Float>, queryStride: Int, tokens: Int, start: Int, heads: Int,
        cache: KeyValueCache, layer: Int,
        output: UnsafeMutablePointer<Float>, outputStride: Int,
        pool: ComputeThreadPool?, backend: KernelBackend = .best
    ) {
        let headSize = cache.headSize
        let group = max(1, heads / cache.kvHeads)
        let scale = 1 / Float(headSize).squareRoot()
        let width = cache.rowWidth
        let keyBase = UnsafePointer(cache.keys(layer: layer, position: 0))
        let valueBase = UnsafePointer(cache.values(layer: layer, position: 0))
        let body: (Int) -> Void = { task in
            let head = task % heads, t = task / heads
            let kvOffset = (head / group) * headSize
            let positions = start + t + 1
            let q = queries + t * queryStride + head * headSize
            let out = output + t * outputStride + head * headSize
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: positions)
            defer { scores.deallocate() }
            for p in 0..<positions {
                scores[p] = VectorMath.dot(q, keyBase + p * width + kvOffset, count: headSize,
                                           backend: backend) * scale
            }
            Softmax.apply(scores, count: positions, backend: backend)
            out.update(repeating: 0, count: headSize)
            for p in 0..<positions {
                VectorMath.axpy(scores[p], valueBase + p * width + kvOffset, out, count: headSize,
                                backend: backend)
            }
        }
        let tasks = heads * tokens
        if let pool, tasks > 1 { pool.parallelFor(tasks, body) } else {
            for task in 0..<tasks { body(task) }
        }
    }
}
