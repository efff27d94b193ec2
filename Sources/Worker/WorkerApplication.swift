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
import SupportPipeline
import SupportMessaging
import SupportDatabase
import Synchronization
import TransformerUnderstanding
import Understanding

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
    /// The analyzer and the inference pool that serves its model.
    public let understanding: UnderstandingEngine
    let intake: Intake?

    /// Wraps the consumer's handler (tests only: the crash tests' unsafe commit-on-receive
    /// worker); production passes none.
    public typealias Intake = @Sendable (KafkaDispatchBridge, KafkaConsumer) -> any KafkaConsumerHandler

    /// - Parameters:
    ///   - faults: crash points for the crash-recovery tests; nil in production.
    ///   - intake: a wrapper of the consumer's handler for the crash tests; nil in production.
    public init(
        configuration: WorkerConfiguration, logger: Logger, metrics: MetricsRegistry = MetricsRegistry(),
        faults: (any PipelineFaults)? = nil, intake: Intake? = nil
    ) throws {
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

        self.intake = intake
        let fallbacks = metrics.counter(
            "support_worker_nlu_fallbacks_total",
            help: "Messages the understanding model could not read in time (the rules answered them alone).")
        let nluLogger = logger.named("understanding")
        do {
            understanding = try UnderstandingEngine(settings: configuration.understanding) { error in
                fallbacks.increment()
                // The 1st, 10th, 100th … failure is logged; the counter has them all.
                let count = Int(fallbacks.value)
                var power = 1
                while power < count { power *= 10 }
                if power == count {
                    nluLogger.warning(
                        "the understanding model failed on a message; the rules answered it",
                        ["error": .string("\(error)"), "failures": .int(Int64(count))])
                }
            }
        } catch {
            throw WorkerStartError(message: "understanding: \(error)")
        }
        let handler = MessageHandler(
            topics: configuration.topics, settings: configuration.pipeline, analyzer: understanding.analyzer,
            decider: MessageDecider(
                policy: PolicyEngine(policy: configuration.policy),
                escalation: EscalationRules(configuration: configuration.escalation),
                replyTimeZone: configuration.pipeline.replyTimeZone),
            drafting: DraftingService(),
            store: PostgresSupportStore(pool: pool, transcriptTurns: configuration.pipeline.transcriptTurns),
            publisher: KafkaEventPublisher(producer: producer, topics: configuration.topics),
            metrics: PipelineMetrics(registry: metrics), logger: logger.named("worker"), faults: faults)
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
                "understanding": .string(understanding.summary),
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
            ShutdownHookService(name: "inference") { [understanding] in understanding.shutDown() },
            readiness,
            ShutdownHookService(name: "producer") { [producer] in await producer.shutdown(flushTimeout: .seconds(10)) },
            ShutdownHookService(name: "status-http") { status?.stop() },
            ConsumerService(consumer: consumer, dispatcher: dispatcher, topics: configuration.topics.consumed,
                            revokeTimeout: configuration.pipeline.revokeTimeout,
                            intake: intake, logger: logger.named("consumer")),
        ]
        return ServiceGroup(
            services: services, logger: logger, handleSignals: handleSignals,
            gracefulShutdownTimeout: configuration.shutdownTimeout)
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
