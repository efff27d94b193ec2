import Metrics

/// The pipeline's metrics (Prometheus names under `support_worker_`).
public struct PipelineMetrics: Sendable {
    public let replied: Counter
    public let escalated: Counter
    public let suppressed: Counter
    public let republished: Counter
    public let deadLettered: Counter
    /// Valid messages the worker failed on and handed to a human (`processing_error`).
    public let handedOver: Counter
    public let refundsRequested: Counter
    public let agentEvents: Counter
    public let retries: Counter
    public let abandoned: Counter
    public let processingSeconds: Histogram
    public let endToEndSeconds: Histogram

    public init(registry: MetricsRegistry) {
        let messages = "support_worker_messages_total"
        let help = "Inbound messages processed, by outcome."
        replied = registry.counter(messages, help: help, labels: ["outcome": "replied"])
        escalated = registry.counter(messages, help: help, labels: ["outcome": "escalated"])
        suppressed = registry.counter(messages, help: help, labels: ["outcome": "suppressed"])
        republished = registry.counter(messages, help: help, labels: ["outcome": "republished"])
        deadLettered = registry.counter(messages, help: help, labels: ["outcome": "dead_lettered"])
        handedOver = registry.counter(messages, help: help, labels: ["outcome": "handed_over"])
        refundsRequested = registry.counter(
            "support_worker_refund_requests_total", help: "Approved refunds sent to the payment system.")
        agentEvents = registry.counter("support_worker_agent_events_total", help: "Agent console events applied.")
        retries = registry.counter(
            "support_worker_retries_total", help: "Processing attempts retried after a failure (database or broker).")
        abandoned = registry.counter(
            "support_worker_abandoned_total", help: "Records abandoned when their partition was revoked (redelivered).")
        processingSeconds = registry.histogram(
            "support_worker_processing_seconds", help: "Time from start of processing to offset store, per message.")
        endToEndSeconds = registry.histogram(
            "support_worker_end_to_end_seconds", help: "Time from the message's sent_at to its outputs being acknowledged.")
    }
}
