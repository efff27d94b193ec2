import Foundation
import Synchronization

/// Holds the process's metrics and renders them in the Prometheus text format (version 0.0.4).
///
/// Metrics are created once (usually at start-up) and updated from any thread; a metric with
/// labels is one series per label set.
public final class MetricsRegistry: Sendable {
    private let families = Mutex<[String: MetricFamily]>([:])

    public init() {}

    /// A counter named `name` with `labels`; the same name and labels give the same counter.
    public func counter(_ name: String, help: String, labels: [String: String] = [:]) -> Counter {
        series(name, help: help, type: "counter", labels: labels) { .counter(Counter()) }.counter!
    }

    /// A gauge named `name` with `labels`.
    public func gauge(_ name: String, help: String, labels: [String: String] = [:]) -> Gauge {
        series(name, help: help, type: "gauge", labels: labels) { .gauge(Gauge()) }.gauge!
    }

    /// A histogram named `name` with `labels` and upper bucket bounds `buckets` (seconds by
    /// convention for latencies).
    public func histogram(
        _ name: String, help: String, labels: [String: String] = [:], buckets: [Double] = Histogram.latencyBuckets
    ) -> Histogram {
        series(name, help: help, type: "histogram", labels: labels) { .histogram(Histogram(buckets: buckets)) }
            .histogram!
    }

    private func series(
        _ name: String, help: String, type: String, labels: [String: String], make: () -> MetricSeries
    ) -> MetricSeries {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }, "bad metric name \(name)")
        return families.withLock { families in
            let key = MetricFamily.labelKey(labels)
            if let existing = families[name]?.series[key] { return existing }
            var family = families[name] ?? MetricFamily(name: name, help: help, type: type)
            precondition(family.type == type, "metric \(name) registered as \(family.type) and \(type)")
            let created = make()
            family.series[key] = created
            family.labels[key] = labels
            families[name] = family
            return created
        }
    }

    /// The Prometheus text exposition of every metric, families sorted by name.
    public func prometheusText() -> String {
        let snapshot = families.withLock { $0 }
        var out = ""
        for name in snapshot.keys.sorted() {
            let family = snapshot[name]!
            out += "# HELP \(name) \(family.help)\n# TYPE \(name) \(family.type)\n"
            for key in family.series.keys.sorted() {
                let labels = family.labels[key]!
                switch family.series[key]! {
                case .counter(let c): out += "\(name)\(MetricFamily.render(labels)) \(format(c.value))\n"
                case .gauge(let g): out += "\(name)\(MetricFamily.render(labels)) \(format(g.value))\n"
                case .histogram(let h):
                    let s = h.snapshot()
                    var cumulative: UInt64 = 0
                    for (bound, count) in zip(h.buckets, s.counts) {
                        cumulative += count
                        var l = labels
                        l["le"] = format(bound)
                        out += "\(name)_bucket\(MetricFamily.render(l)) \(cumulative)\n"
                    }
                    var l = labels
                    l["le"] = "+Inf"
                    out += "\(name)_bucket\(MetricFamily.render(l)) \(s.count)\n"
                    out += "\(name)_sum\(MetricFamily.render(labels)) \(format(s.sum))\n"
                    out += "\(name)_count\(MetricFamily.render(labels)) \(s.count)\n"
                }
            }
        }
        return out
    }

    private func format(_ v: Double) -> String {
        if v.rounded() == v && abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

struct MetricFamily: Sendable {
    let name: String
    let help: String
    let type: String
    var series: [String: MetricSeries] = [:]
    var labels: [String: [String: String]] = [:]

    static func labelKey(_ labels: [String: String]) -> String {
        labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: ",")
    }

    static func render(_ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return "" }
        let parts = labels.keys.sorted().map { key -> String in
            let value = labels[key]!.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(value)\""
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}

enum MetricSeries: Sendable {
    case counter(Counter)
    case gauge(Gauge)
    case histogram(Histogram)

    var counter: Counter? { if case .counter(let c) = self { c } else { nil } }
    var gauge: Gauge? { if case .gauge(let g) = self { g } else { nil } }
    var histogram: Histogram? { if case .histogram(let h) = self { h } else { nil } }
}
