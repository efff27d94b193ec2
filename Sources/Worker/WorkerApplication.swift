import Escalation
import Drafting
import Foundation
import Kafka
import Lifecycle
import Logging
import Metrics
import Postgres
import RefundPolicy
import StatusServer
import Synchronization
import Understanding

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

    public init(brokers: String, groupID: String, databaseURL: String, policy: RefundPolicyDocument, escalation: EscalationConfiguration) {
        self.brokers = brokers
        self.groupID = groupID
        self.databaseURL = databaseURL
        self.policy = policy
        self.escalation = escalation
    }
}

/// Assembles the worker from its parts and runs it as a service group: the database pool, the
/// producer, the status endpoint and the consumer, shut down in reverse order (intake first,
/// so in-flight messages finish and their offsets are committed while the producer and the
/// database are still there).
public final class WorkerApplication: Sendable {
    public let configuration: WorkerConfiguration
    public let metrics: MetricsRegistry
    let logger: Logger
    let pool: PostgresPool
    let producer: KafkaProducer
    let consumer: KafkaConsumer
    public let dispatcher: Dispatcher
    let faults: FaultInjection?

    public init(configuration: WorkerConfiguration, logger: Logger, metrics: MetricsRegistry = MetricsRegistry()) throws {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        var database = PostgresConfiguration(url: configuration.databaseURL)
        database.poolSize = configuration.databasePoolSize
        database.statementTimeout = configuration.statementTimeout
        pool = try PostgresPool(configuration: database, logger: logger.named("postgres"))

        var producerConfiguration = KafkaProducerConfiguration(bootstrapServers: configuration.brokers)
        producerConfiguration.clientID = configuration.clientID
        producerConfiguration.deliveryTimeout = configuration.deliveryTimeout
        producerConfiguration.extraProperties = configuration.kafkaProperties
        producer = try KafkaProducer(configuration: producerConfiguration, logger: logger.named("kafka"))

        var consumerConfiguration = KafkaConsumerConfiguration(bootstrapServers: configuration.brokers, groupID: configuration.groupID)
        consumerConfiguration.clientID = configuration.clientID
        consumerConfiguration.sessionTimeout = configuration.sessionTimeout
        consumerConfiguration.heartbeatInterval = min(.seconds(3), configuration.sessionTimeout / 3)
        consumerConfiguration.revokeTimeout = configuration.pipeline.revokeTimeout + .seconds(5)
        consumerConfiguration.extraProperties = configuration.kafkaProperties.merging(configuration.consumerProperties) { $1 }
        consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: logger.named("kafka"))

        let faults = try FaultInjection.fromEnvironment()
        if faults != nil { logger.warning("fault injection is on (SUPPORT_FAULT_INJECTION): for crash tests only") }
        self.faults = faults
        let handler = MessageHandler(
            topics: configuration.topics, settings: configuration.pipeline, analyzer: RuleBasedAnalyzer(),
            decider: MessageDecider(
                policy: PolicyEngine(policy: configuration.policy),
                escalation: EscalationRules(configuration: configuration.escalation),
                replyTimeZone: configuration.pipeline.replyTimeZone),
            drafting: DraftingService(),
            store: PostgresSupportStore(pool: pool, transcriptTurns: configuration.pipeline.transcriptTurns),
            publisher: KafkaEventPublisher(producer: producer, topics: configuration.topics),
            metrics: WorkerMetrics(registry: metrics), logger: logger.named("worker"), faults: faults)
        dispatcher = Dispatcher(
            maximumBuffered: configuration.pipeline.maximumBuffered, maximumRunning: configuration.pipeline.concurrency,
            consumer: KafkaConsumerControl(consumer: consumer, logger: logger.named("kafka")), handler: handler,
            logger: logger.named("dispatch"))
    }

    /// Applies missing migrations (when configured), then runs until SIGTERM/SIGINT.
    public func run(handleSignals: Bool = true) async throws {
        logger.info(
            "starting",
            [
                "librdkafka": .string(Kafka.librdkafkaVersion), "libpq": .string(Postgres.libpqVersion),
                "group": .string(configuration.groupID), "policy_version": .string(configuration.policy.policyVersion),
                "topics": .array(configuration.topics.consumed.map { .string($0) }),
            ])
        if configuration.migrateOnStart {
            try await DatabaseMigrator(logger: logger.named("migrate")).migrate(pool)
        }
        try await group(handleSignals: handleSignals).run()
    }

    /// The service group (exposed for tests that stop it themselves).
    public func group(handleSignals: Bool) throws -> ServiceGroup {
        let readiness = DatabaseReadiness(pool: pool)
        let status = try startStatusEndpoint(readiness: readiness)
        let services: [any Service] = [
            ShutdownHookService(name: "postgres") { [pool] in await pool.close() },
            readiness,
            ShutdownHookService(name: "producer") { [producer] in await producer.shutdown(flushTimeout: .seconds(10)) },
            ShutdownHookService(name: "status-http") { status?.stop() },
            ConsumerService(consumer: consumer, dispatcher: dispatcher, topics: configuration.topics.consumed,
                            revokeTimeout: configuration.pipeline.revokeTimeout,
                            unsafeCommitOnReceive: faults?.commitOffsetsOnReceive == true, logger: logger.named("consumer")),
        ]
        return ServiceGroup(services: services, logger: logger, handleSignals: handleSignals)
    }

    private func startStatusEndpoint(readiness: DatabaseReadiness) throws -> StatusServer? {
        guard let host = configuration.statusHost else { return nil }
        let buffered = metrics.gauge("support_worker_buffered_records", help: "Received records not finished yet.")
        let paused = metrics.gauge("support_worker_intake_paused", help: "1 while intake is paused for backpressure.")
        let assigned = metrics.gauge("support_worker_assigned_partitions", help: "Partitions assigned to this worker.")
        let server = StatusServer(host: host, port: configuration.statusPort, logger: logger.named("status")) {
            [dispatcher, metrics] path in
            switch path {
            case "/healthz":
                return .init(status: 200, body: "ok\n")
            case "/readyz":
                return readiness.isReady
                    ? .init(status: 200, body: "ready\n") : .init(status: 503, body: "database not reachable\n")
            case "/metrics":
                buffered.set(Double(dispatcher.buffered))
                paused.set(dispatcher.isPaused ? 1 : 0)
                assigned.set(Double(dispatcher.assignedPartitions.count))
                return .init(status: 200, contentType: "text/plain; version=0.0.4", body: metrics.prometheusText())
            default:
                return nil
            }
        }
        do {
            try server.start()
        } catch {
            throw WorkerStartError(message: "status endpoint: \(error)")
        }
        return server
    }
}

/// The consumer and the dispatcher as one service: subscribe, poll, dispatch; on shutdown the
/// consumer closes (revoking its partitions through the dispatcher, which lets in-flight
/// messages finish and stores their offsets) and the dispatcher drains.
final class ConsumerService: Service {
    let name = "consumer"
    let consumer: KafkaConsumer
    let dispatcher: Dispatcher
    let topics: [String]
    let revokeTimeout: Duration
    let unsafeCommitOnReceive: Bool
    let logger: Logger

    init(
        consumer: KafkaConsumer, dispatcher: Dispatcher, topics: [String], revokeTimeout: Duration,
        unsafeCommitOnReceive: Bool, logger: Logger
    ) {
        self.consumer = consumer
        self.dispatcher = dispatcher
        self.topics = topics
        self.revokeTimeout = revokeTimeout
        self.unsafeCommitOnReceive = unsafeCommitOnReceive
        self.logger = logger
    }

    func run() async throws {
        try consumer.subscribe(topics: topics)
        async let dispatching: Void = dispatcher.run()
        do {
            try await consumer.run(
                handler: KafkaDispatchBridge(
                    dispatcher: dispatcher, revokeTimeout: revokeTimeout,
                    unsafeCommitOnReceive: unsafeCommitOnReceive ? consumer : nil))
        } catch {
            dispatcher.finish()
            await dispatching
            throw error
        }
        dispatcher.finish()
        await dispatching
    }

    func triggerGracefulShutdown() {
        consumer.triggerShutdown()
    }
}

/// The worker could not start.
public struct WorkerStartError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Checks every few seconds that the database answers, for `/readyz`.
final class DatabaseReadiness: Service {
    let name = "readiness"
    let pool: PostgresPool
    private let state = Mutex((ready: false, stopped: false))

    init(pool: PostgresPool) {
        self.pool = pool
    }

    var isReady: Bool { state.withLock { $0.ready && !$0.stopped } }

    func run() async throws {
        while !state.withLock({ $0.stopped }) {
            let ok = (try? await pool.query("SELECT 1")) != nil
            state.withLock { $0.ready = ok }
            for _ in 0..<20 where !state.withLock({ $0.stopped }) {
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    func triggerGracefulShutdown() {
        state.withLock { $0.stopped = true }
    }
}
