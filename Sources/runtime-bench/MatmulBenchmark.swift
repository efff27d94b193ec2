import InferenceRuntime

/// GFLOP/s of C = A · Wᵀ on the shapes of the runtime's models (M × K · K × N).
struct MatmulBenchmark {
    /// (M, N, K) triples: MiniLM projections and FFN at batch × sequence 128 and 1024 rows,
    /// SmolLM2 projections at a 54-token prompt, and the square sizes of the peer figures.
    static let shapes: [(m: Int, n: Int, k: Int)] = [
        (128, 384, 384), (128, 1536, 384), (128, 384, 1536),
        (1024, 384, 384), (1024, 1536, 384), (1024, 384, 1536),
        (54, 576, 576), (54, 1536, 576), (54, 576, 1536),
        (1024, 1024, 1024), (2048, 2048, 2048),
    ]

    var repeats: Int
    var backend: KernelBackend

    func run(threads: Int, shapes: [(m: Int, n: Int, k: Int)] = Self.shapes) -> [BenchmarkFigure] {
        let pool = ComputeThreadPool(threadCount: threads)
        var figures: [BenchmarkFigure] = []
        for shape in shapes {
            var a = [Float](repeating: 0, count: shape.m * shape.k)
            var w = [Float](repeating: 0, count: shape.n * shape.k)
            var seed: UInt32 = 12345
            func next() -> Float {
                seed = seed &* 1_664_525 &+ 1_013_904_223
                return Float(seed >> 8) / Float(1 << 24) - 0.5
            }
            for i in a.indices { a[i] = next() }
            for i in w.indices { w[i] = next() }
            let packed = w.withUnsafeBufferPointer {
                PackedMatrix(weightRows: $0.baseAddress!, outputs: shape.n, inputs: shape.k)
            }
            var c = [Float](repeating: 0, count: shape.m * shape.n)
            let flops = 2.0 * Double(shape.m) * Double(shape.n) * Double(shape.k)
            let runs = max(3, min(repeats * 4, Int(4e9 / flops)))
            var stopwatch = Stopwatch()
            a.withUnsafeBufferPointer { aBuffer in
                c.withUnsafeMutableBufferPointer { cBuffer in
                    let aBase = aBuffer.baseAddress!, cBase = cBuffer.baseAddress!
                    for run in 0...runs {
                        let body = {
                            MatrixMultiplication.multiply(
                                aBase, rows: shape.m, aStride: shape.k, by: packed,
                                into: cBase, cStride: shape.n, pool: pool,
                                backend: backend)
                        }
                        if run == 0 { body() } else { stopwatch.time(body) }
                    }
                }
            }
            figures.append(BenchmarkFigure(
                name: "matmul_gflops", engine: "swift-runtime-\(backend)", threads: threads,
                workload: "\(shape.m)x\(shape.n)x\(shape.k)",
                value: flops / stopwatch.median / 1e9, unit: "GFLOP/s", repeats: runs,
                minimum: flops / stopwatch.maximum / 1e9, maximum: flops / stopwatch.minimum / 1e9))
        }
        return figures
    }
}
