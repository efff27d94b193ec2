import Testing
@testable import Metrics

@Suite struct MetricsRegistryTests {
    @Test func rendersCountersGaugesAndCumulativeHistograms() {
        let registry = MetricsRegistry()
        registry.counter("messages_total", help: "Messages.", labels: ["outcome": "replied"]).increment(by: 3)
        registry.counter("messages_total", help: "Messages.", labels: ["outcome": "replied"]).increment()
        registry.gauge("in_flight", help: "In flight.").set(7)
        let h = registry.histogram("latency_seconds", help: "Latency.", buckets: [0.1, 1])
        h.observe(0.05)
        h.observe(0.5)
        h.observe(5)
        let text = registry.prometheusText()
        #expect(text.contains("messages_total{outcome=\"replied\"} 4\n"))
        #expect(text.contains("# TYPE in_flight gauge\nin_flight 7\n"))
        #expect(text.contains("latency_seconds_bucket{le=\"0.1\"} 1\n"))
        #expect(text.contains("latency_seconds_bucket{le=\"1\"} 2\n"))
        #expect(text.contains("latency_seconds_bucket{le=\"+Inf\"} 3\n"))
        #expect(text.contains("latency_seconds_count 3\n"))
        #expect(text.contains("latency_seconds_sum 5.55\n"))
    }
}
