import InferenceRuntime

/// GFLOP/s of C = A · B for the peer script's shapes (A is M × K, B is K × N, fp32). B is a
/// weight, packed once as the models pack theirs at load time.
struct MatmulBenchmark {
    /// (M, K, N): MiniLM projections and feed-forward at 16, 64 and 128 tokens, SmolLM2's at one
    /// token and a 64-token prompt, and a square size.
    static let shapes: [(m: Int, k: Int, n: Int)] =
        [16, 64, 128].flatMap { m in [(384, 384), (384, 1536), (1536, 384)].map { (m, $0.0, $0.1) } }
        + [(1, 576, 576), (1, 576, 1536), (1, 1536, 576), (64, 576, 1536), (1024, 1024, 1024)]

    var backend: KernelBackend
    var engine: String

    func run(threads: Int, shapes: [(m: Int, k: Int, n: Int)]) -> [BenchmarkFigure] {
        let pool = ComputeThreadPool(threadCount: threads)
        var random = BenchmarkRandom(seed: 0)
        return shapes.map { shape in
            let a = (0..<(shape.m * shape.k)).map { _ in random.float() }
            let w = (0..<(shape.n * shape.k)).map { _ in random.float() }  // Bᵀ, (N, K)
            let packed = w.withUnsafeBufferPointer {
                PackedMatrix(weightRows: $0.baseAddress!, outputs: shape.n, inputs: shape.k)
            }
            // C on a cache-line boundary, as the models' work buffers are.
            let cBase = UnsafeMutableRawPointer.allocate(byteCount: shape.m * shape.n * 4, alignment: 64)
                .bindMemory(to: Float.self, capacity: shape.m * shape.n)
            cBase.initialize(repeating: 0, count: shape.m * shape.n)
            defer { cBase.deallocate() }
            let flops = 2.0 * Double(shape.m * shape.k * shape.n)
            let seconds = a.withUnsafeBufferPointer { aBuffer in
                let aBase = aBuffer.baseAddress!
                return Stopwatch.samples(budget: flops < 1e8 ? 0.4 : 1.5) {
                    MatrixMultiplication.multiply(
                        aBase, rows: shape.m, aStride: shape.k, by: packed, into: cBase,
                        cStride: shape.n, pool: pool, backend: backend)
                }
            }
            return BenchmarkFigure(
                figure: "matmul_gflops", workload: "\(shape.m)x\(shape.k)x\(shape.n)", engine: engine,
                threads: threads, samples: seconds.map { flops / $0 / 1e9 }, unit: "GFLOP/s")
        }
    }
}
