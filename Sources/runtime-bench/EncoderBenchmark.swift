import Foundation
import InferenceRuntime

/// Latency of all-MiniLM-L6-v2 sentence embeddings (last hidden state and mean pooling) for
/// random token ids framed by [CLS] and [SEP], as the peer script feeds onnxruntime.
struct EncoderBenchmark {
    static let shapes: [(sequence: Int, batch: Int)] = [16, 64, 128].flatMap { s in [1, 8].map { (s, $0) } }

    var modelDirectory: String
    var backend: KernelBackend
    var engine: String

    func run(threads: Int, shapes: [(sequence: Int, batch: Int)]) throws -> [BenchmarkFigure] {
        let encoder = try BertEncoder(directory: modelDirectory)
        let pool = ComputeThreadPool(threadCount: threads)
        var random = BenchmarkRandom(seed: 0)
        return try shapes.map { shape in
            let batch = (0..<shape.batch).map { _ in
                [101] + (0..<(shape.sequence - 2)).map { _ in random.integer(in: 1000..<30000) } + [102]
            }
            let seconds = try Stopwatch.samples(budget: 1.0) {
                _ = try encoder.encode(batch, pool: pool, backend: backend).meanPooled()
            }
            return BenchmarkFigure(
                figure: "encoder_latency_ms", workload: "seq\(shape.sequence)_batch\(shape.batch)",
                engine: engine, threads: threads, samples: seconds.map { $0 * 1000 }, unit: "ms")
        }
    }
}
