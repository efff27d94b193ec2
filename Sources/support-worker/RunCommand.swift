import SupportTools
import SupportDatabase
import SupportPipeline
import CommandLineOptions
import Foundation
import Logging
import Worker

/// `run`: the worker.
enum RunCommand: Subcommand {
    static let spec = CommandSpec(
        name: "run",
        summary: "Run the worker: consume messages, decide, reply or escalate.",
        discussion: """
            Consumes support.inbound and support.agent-events in a consumer group, and publishes replies,
            escalations, refund requests and dead letters. Offsets are committed only after a message's outputs
            are acknowledged by the broker and its database writes are committed. SIGTERM or SIGINT finishes
            in-flight messages and commits; a second signal exits at once. Serves /healthz, /readyz and
            /metrics (Prometheus) on the status port.
            """,
        options: [
            WorkerOptions.brokers, WorkerOptions.database,
            OptionSpec("group", env: "SUPPORT_GROUP", kind: .value(placeholder: "ID"), help: "Consumer group id.", default: "support-worker"),
            OptionSpec("policy", env: "SUPPORT_POLICY", kind: .value(placeholder: "FILE"), help: "Refund policy file; default: the shipped policies/default.json."),
            OptionSpec("escalation-config", env: "SUPPORT_ESCALATION_CONFIG", kind: .value(placeholder: "FILE"), help: "Escalation configuration; default: the shipped config/escalation.json."),
            OptionSpec("max-buffered", env: "SUPPORT_MAX_BUFFERED", kind: .value(placeholder: "N"), help: "Received, unfinished messages above which intake pauses (backpressure).", default: "256"),
            OptionSpec("concurrency", env: "SUPPORT_CONCURRENCY", kind: .value(placeholder: "N"), help: "Messages processed at once, each of a different conversation; more wait for a slot.", default: "64"),
            OptionSpec("max-attempts", env: "SUPPORT_MAX_ATTEMPTS", kind: .value(placeholder: "N"), help: "Attempts before a message that keeps failing with a non-retriable error is handed to a human (processing_error).", default: "3"),
            OptionSpec("max-transient-attempts", env: "SUPPORT_MAX_TRANSIENT_ATTEMPTS", kind: .value(placeholder: "N"), help: "Attempts before a message that keeps meeting statement timeouts, deadlocks or serialization failures is handed to a human (outages of the database or broker are retried until they end).", default: "10"),
            OptionSpec("session-timeout", env: "SUPPORT_SESSION_TIMEOUT", kind: .value(placeholder: "DURATION"), help: "Consumer-group session timeout: how soon a dead worker's partitions move to others.", default: "45s"),
            OptionSpec("shutdown-timeout", env: "SUPPORT_SHUTDOWN_TIMEOUT", kind: .value(placeholder: "DURATION"), help: "How long a graceful shutdown (SIGTERM) may take before the parts still running are cancelled; keep it below the orchestrator's grace period.", default: "45s"),
            OptionSpec("db-pool-size", env: "SUPPORT_DB_POOL_SIZE", kind: .value(placeholder: "N"), help: "PostgreSQL connections.", default: "8"),
            OptionSpec("status-port", env: "SUPPORT_STATUS_PORT", kind: .value(placeholder: "PORT"), help: "Port of /healthz, /readyz, /metrics (0: any free port).", default: "9102"),
            OptionSpec("status-host", env: "SUPPORT_STATUS_HOST", kind: .value(placeholder: "ADDRESS"), help: "Address of the status endpoint.", default: "0.0.0.0"),
            OptionSpec(
                "order-ref-pattern", env: "SUPPORT_ORDER_REF_PATTERN", kind: .value(placeholder: "REGEX"),
                help: "The shop's own order-reference shapes (a regular expression, e.g. 'SO-[0-9]{6}'): every match is an order reference besides those the understanding finds; used only when it names one of the customer's orders."),
            .flag("no-migrate", env: "SUPPORT_NO_MIGRATE", help: "Do not apply missing migrations at start-up."),
            WorkerOptions.kafkaProperty, WorkerOptions.logLevel,
        ] + UnderstandingOptions.specs + TopicOptions.specs)

    static func configuration(_ options: ParsedOptions) throws -> WorkerConfiguration {
        var c = WorkerConfiguration(
            brokers: try options.required("brokers"), groupID: try options.required("group"),
            databaseURL: try options.required("database-url"),
            policy: try ConfigurationLoader.policy(options.string("policy")),
            escalation: try ConfigurationLoader.escalation(options.string("escalation-config")))
        c.topics = try TopicOptions.topics(options)
        c.pipeline.maximumBuffered = try options.int("max-buffered", in: 1...100_000) ?? 256
        c.pipeline.concurrency = try options.int("concurrency", in: 1...10_000) ?? 64
        c.pipeline.maximumAttempts = try options.int("max-attempts", in: 1...100) ?? 3
        c.pipeline.maximumTransientAttempts = try options.int("max-transient-attempts", in: 1...1000) ?? 10
        c.shutdownTimeout = try options.duration("shutdown-timeout") ?? .seconds(45)
        guard c.shutdownTimeout > c.pipeline.revokeTimeout else {
            throw UsageError("--shutdown-timeout must be longer than the revocation timeout (\(c.pipeline.revokeTimeout))")
        }
        c.databasePoolSize = try options.int("db-pool-size", in: 1...256) ?? 8
        c.sessionTimeout = try options.duration("session-timeout") ?? .seconds(45)
        guard c.sessionTimeout >= .seconds(6) else { throw UsageError("--session-timeout must be at least 6s") }
        c.statusPort = UInt16(try options.int("status-port", in: 0...65535) ?? 9102)
        c.statusHost = options.string("status-host")
        c.migrateOnStart = !options.flag("no-migrate")
        c.kafkaProperties = try WorkerOptions.kafkaProperties(options)
        c.understanding = try UnderstandingOptions.settings(options)
        if let pattern = options.string("order-ref-pattern") {
            do {
                c.pipeline.orderReferencePattern = try OrderReferencePattern(pattern)
            } catch {
                throw UsageError("--order-ref-pattern: \(error.description)")
            }
        }
        return c
    }

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let logger = try WorkerOptions.logger(options, label: "worker")
        let application = try WorkerApplication(configuration: try configuration(options), logger: logger)
        try await application.run()
        return ExitCode.success
    }
}
