import Escalation
import Foundation
import RefundPolicy
import SupportPipeline
import TransformerUnderstanding

/// Everything `support-worker run` needs to know.
public struct WorkerConfiguration: Sendable {
    public var brokers: String
    public var groupID: String
    public var clientID = "support-worker"
    /// How long the producer keeps trying to deliver an event before the send fails (and the
    /// pipeline retries it); also bounds how long a shutdown can wait on a broker outage.
    public var deliveryTimeout: Duration = .seconds(30)
    /// Kafka consumer-group session timeout: how soon a dead worker's partitions move on.
    public var sessionTimeout: Duration = .seconds(45)
    public var topics = TopicNames()
    public var databaseURL: String
    public var databasePoolSize = 8
    public var statementTimeout: Duration = .seconds(5)
    public var pipeline = PipelineSettings()
    public var policy: RefundPolicyDocument
    public var escalation: EscalationConfiguration
    /// Raw librdkafka properties for both clients (`security.protocol`, `sasl.*`, …).
    public var kafkaProperties: [String: String] = [:]
    /// Raw librdkafka properties for the consumer only (e.g. `fetch.wait.max.ms`).
    public var consumerProperties: [String: String] = [:]
    /// Where `/healthz`, `/readyz` and `/metrics` are served; nil turns the endpoint off.
    public var statusHost: String? = "0.0.0.0"
    public var statusPort: UInt16 = 9102
    /// Apply missing database migrations at start-up.
    public var migrateOnStart = true
    /// How long a graceful shutdown may take before the parts still running are cancelled
    /// (in-flight messages finish or are abandoned within the revocation timeout first).
    public var shutdownTimeout: Duration = .seconds(45)
    /// How messages are understood: the shipped Transformer model by default.
    public var understanding = UnderstandingSettings()

    public init(brokers: String, groupID: String, databaseURL: String, policy: RefundPolicyDocument, escalation: EscalationConfiguration) {
        self.brokers = brokers
        self.groupID = groupID
        self.databaseURL = databaseURL
        self.policy = policy
        self.escalation = escalation
    }
}
