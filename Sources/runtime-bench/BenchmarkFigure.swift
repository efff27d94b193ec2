import Foundation

/// One measured figure, printed as one JSON line with the fields of the peer script
/// (scripts/reference/peer_bench.py): a comparison joins on (figure, workload, threads).
struct BenchmarkFigure {
    /// The figure's name, e.g. `matmul_gflops`, `encoder_latency_ms`.
    var figure: String
    /// The workload, e.g. `128x384x1536` (M×K×N) or `seq64_batch8`.
    var workload: String
    /// The engine that produced it.
    var engine: String
    /// Compute threads used.
    var threads: Int
    /// The samples (already in `unit`); the figure is their median.
    var samples: [Double]
    /// The unit of the value.
    var unit: String

    /// The median sample.
    var value: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The figure as one JSON object on one line.
    var jsonLine: String {
        let fields: [(String, String)] = [
            ("bench", quoted("\(figure)/\(workload)")), ("figure", quoted(figure)),
            ("workload", quoted(workload)), ("engine", quoted(engine)), ("threads", "\(threads)"),
            ("value", number(value)), ("unit", quoted(unit)), ("repeats", "\(samples.count)"),
            ("min", number(samples.min() ?? .nan)), ("max", number(samples.max() ?? .nan)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    private func quoted(_ text: String) -> String { "\"\(text)\"" }
    private func number(_ value: Double) -> String { value.isFinite ? String(format: "%.4f", value) : "null" }
}
