import CInferenceKernels

/// Single-precision matrix multiply C = A · B (+ bias) (+ C): A row-major, B packed
/// (`PackedMatrix`), split over the pool's threads by column panels (or by rows when B has few
/// columns).
public enum MatrixMultiplication {
    /// Below this many multiply-adds a product runs on the calling thread alone.
    static let parallelThreshold = 64 * 1024

    /// C[i, j] = Σₖ A[i, k]·B[k, j] (+ bias[j]) (+ C[i, j] when `accumulate`), for `rows`
    /// rows of A (`aStride` floats apart) and rows of C (`cStride` floats apart).
    public static func multiply(
        _ a: UnsafePointer<Float>, rows: Int, aStride: Int,
        by b: PackedMatrix,
        into c: UnsafeMutablePointer<Float>, cStride: Int,
        bias: UnsafePointer<Float>? = nil, accumulate: Bool = false,
        pool: ComputeThreadPool? = nil, backend: KernelBackend = .best
    ) {
        guard rows > 0, b.columns > 0 else { return }
        let panelCount = b.panelCount
        let threads = pool?.threadCount ?? 1
        let work = rows * b.columns * max(1, b.depth)
        if threads == 1 || work < parallelThreshold {
            run(a, rowRange: 0..<rows, aStride: aStride, b: b, panels: 0..<panelCount,
                c: c, cStride: cStride, bias: bias, accumulate: accumulate, backend: backend)
            return
        }
        // Split columns when B is the larger operand, rows when A is. Either way the work is cut
        // into a few chunks per thread, claimed dynamically, so a thread that starts late (or is
        // preempted by another process) does not hold the others up.
        let chunksPerThread = 4
        let rowsSuffice = rows >= 2 * PortableMatrixKernel.tileRows * threads
        if !rowsSuffice || (panelCount >= 2 * threads && b.columns > rows) {
            let chunks = ComputeThreadPool.split(panelCount, parts: threads * chunksPerThread, grain: 1)
            #if arch(x86_64)
            if backend == .avx2 && KernelBackend.avx2.isSupported && b.depth > 0 {
                // Every chunk needs all of A: pack it once, then share it.
                packBuffers.withBuffer(count: cik_sgemm_workspace_floats(rows, b.depth)) { packedA in
                    cik_sgemm_pack_a_avx2(rows, b.depth, a, aStride, packedA)
                    let packedB = UnsafePointer(b.baseAddress)
                    pool!.parallelFor(chunks.count) { index in
                        let panels = chunks[index]
                        cik_sgemm_prepacked_avx2(
                            rows, b.columns, b.depth, packedA, packedB, panels.lowerBound,
                            panels.upperBound, c, cStride, bias, accumulate ? 1 : 0)
                    }
                }
                return
            }
            #endif
            pool!.parallelFor(chunks.count) { index in
                run(a, rowRange: 0..<rows, aStride: aStride, b: b, panels: chunks[index],
                    c: c, cStride: cStride, bias: bias, accumulate: accumulate, backend: backend)
            }
        } else {
            let chunks = ComputeThreadPool.split(
                rows, parts: threads * chunksPerThread, grain: PortableMatrixKernel.tileRows)
            pool!.parallelFor(chunks.count) { index in
                run(a, rowRange: chunks[index], aStride: aStride, b: b, panels: 0..<panelCount,
                    c: c, cStride: cStride, bias: bias, accumulate: accumulate, backend: backend)
            }
        }
    }

    /// Shared packed copies of A for products split by columns.
    private static let packBuffers = ScratchBufferPool()

    /// y = x · Wᵀ + bias over the last dimension of `x`: `(..., inputs)` → `(..., outputs)`.
    public static func linear(
        _ x: Tensor, weight: PackedMatrix, bias: [Float]? = nil,
        pool: ComputeThreadPool? = nil, backend: KernelBackend = .best
    ) throws -> Tensor {
        guard let inputs = x.shape.last, inputs == weight.depth else {
            throw InferenceError(
                .shapeMismatch,
                "linear: input \(x.shape) does not end in the weight's \(weight.depth) inputs")
        }
        if let bias, bias.count != weight.columns {
            throw InferenceError(
                .shapeMismatch, "linear: bias has \(bias.count) values for \(weight.columns) outputs")
        }
        let rows = inputs == 0 ? 0 : x.count / inputs
        var shape = x.shape
        shape[shape.count - 1] = weight.columns
        var output = [Float](repeating: 0, count: rows * weight.columns)
        x.withUnsafeBufferPointer { xBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                guard let xBase = xBuffer.baseAddress, let outBase = outputBuffer.baseAddress
                else { return }
                func go(_ biasPointer: UnsafePointer<Float>?) {
                    multiply(xBase, rows: rows, aStride: inputs, by: weight,
                             into: outBase, cStride: weight.columns, bias: biasPointer,
                             pool: pool, backend: backend)
                }
                if let bias { bias.withUnsafeBufferPointer { go($0.baseAddress) } } else { go(nil) }
            }
        }
        return Tensor(uncheckedShape: shape, scalars: output)
    }

    private static func run(
        _ a: UnsafePointer<Float>, rowRange: Range<Int>, aStride: Int, b: PackedMatrix,
        panels: Range<Int>, c: UnsafeMutablePointer<Float>, cStride: Int,
        bias: UnsafePointer<Float>?, accumulate: Bool, backend: KernelBackend
    ) {
        let aRows = a + rowRange.lowerBound * aStride
        let cRows = c + rowRange.lowerBound * cStride
        let packed = UnsafePointer(b.baseAddress)
        #if arch(x86_64)
        if backend == .avx2 && KernelBackend.avx2.isSupported {
            // nil workspace: the kernel reuses a packing buffer kept per thread; if that
            // cannot be allocated, the portable kernel below does the work.
            let status = cik_sgemm_avx2(
                rowRange.count, b.columns, b.depth, aRows, aStride, packed,
                panels.lowerBound, panels.upperBound, cRows, cStride, bias, accumulate ? 1 : 0, nil)
            if status == 0 { return }
        }
        #endif
        let workspace = UnsafeMutablePointer<Float>.allocate(
            capacity: PortableMatrixKernel.workspaceFloats)
        defer { workspace.deallocate() }
        PortableMatrixKernel.multiply(
            rows: rowRange.count, columns: b.columns, depth: b.depth, a: aRows, lda: aStride,
            packedB: packed, panels: panels, c: cRows, ldc: cStride, bias: bias,
            accumulate: accumulate, workspace: workspace)
    }
}
