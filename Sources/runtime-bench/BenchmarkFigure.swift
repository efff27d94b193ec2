import Foundation

/// One measured figure, printed as one JSON line with the field names the peer script uses.
struct BenchmarkFigure {
    /// The figure's name, e.g. `matmul_gflops`, `encoder_latency_ms`.
    var name: String
    /// The engine that produced it.
    var engine: String = "swift-runtime"
    /// Compute threads used.
    var threads: Int
    /// The workload, e.g. `128x384x384` or `seq64_batch8`.
    var workload: String
    /// The median over the repeats.
    var value: Double
    /// The unit of `value`.
    var unit: String
    /// How many timed repeats `value` is the median of.
    var repeats: Int
    /// Smallest and largest repeat, to show the noise.
    var minimum: Double
    var maximum: Double

    /// The figure as one JSON object on one line.
    var jsonLine: String {
        let fields: [(String, String)] = [
            ("figure", quoted(name)), ("engine", quoted(engine)), ("threads", "\(threads)"),
            ("workload", quoted(workload)), ("value", format(value)), ("unit", quoted(unit)),
            ("repeats", "\(repeats)"), ("min", format(minimum)), ("max", format(maximum)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    private func quoted(_ text: String) -> String { "\"\(text)\"" }
    private func format(_ number: Double) -> String { String(format: "%.4g", number) }
}
