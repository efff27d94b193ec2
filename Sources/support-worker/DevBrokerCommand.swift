import SupportTools
import SupportDatabase
import SupportPipeline
import CommandLineOptions
import Foundation
import Kafka
import Lifecycle
import Logging
import Worker

/// `dev-broker`: a local Kafka-protocol broker (librdkafka's mock cluster) for development.
enum DevBrokerCommand: Subcommand {
    static let spec = CommandSpec(
        name: "dev-broker",
        summary: "Run a local Kafka-protocol broker (librdkafka's mock cluster) and print its bootstrap servers.",
        discussion: """
            Starts librdkafka's mock cluster in this process, creates the service's topics, prints the
            bootstrap servers on standard output (one line), and serves until SIGINT or SIGTERM. Any Kafka
            client can connect (kcat, confluent-kafka, the worker). Data lives in memory only.
            """,
        options: [
            OptionSpec("broker-count", env: "SUPPORT_DEV_BROKER_COUNT", kind: .value(placeholder: "N"), help: "Number of mock brokers.", default: "3"),
            OptionSpec("partitions", env: "SUPPORT_DEV_BROKER_PARTITIONS", kind: .value(placeholder: "N"), help: "Partitions per topic.", default: "6"),
            OptionSpec(
                "bootstrap-file", env: "SUPPORT_DEV_BROKER_BOOTSTRAP_FILE", kind: .value(placeholder: "FILE"),
                help: "Also write the bootstrap servers to FILE (for scripts)."),
        ] + TopicOptions.specs,
        positional: nil)

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let brokers = try options.int("broker-count", in: 1...16) ?? 3
        let partitions = try options.int("partitions", in: 1...256) ?? 6
        let topics = try TopicOptions.topics(options)
        let cluster = try MockCluster(brokers: brokers)
        for topic in topics.all {
            try cluster.createTopic(topic, partitions: Int32(partitions), replicationFactor: Int32(min(3, brokers)))
        }
        FileHandle.standardOutput.write(Data((cluster.bootstrapServers + "\n").utf8))
        if let file = options.string("bootstrap-file") {
            try Data((cluster.bootstrapServers + "\n").utf8).write(to: URL(fileURLWithPath: file))
        }
        printError("dev-broker: \(brokers) brokers, topics \(topics.all.joined(separator: ", ")) with \(partitions) partitions; Ctrl-C to stop")
        let broker = ShutdownHookService(name: "dev-broker") { cluster.shutdown() }
        try await ServiceGroup(services: [broker], logger: Logger(label: "dev-broker")).run()
        return ExitCode.success
    }
}

/// The topic-name options every Kafka command shares.
enum TopicOptions {
    static let specs: [OptionSpec] = [
        OptionSpec("inbound-topic", env: "SUPPORT_INBOUND_TOPIC", kind: .value(placeholder: "TOPIC"), help: "Customer messages (in).", default: "support.inbound"),
        OptionSpec("replies-topic", env: "SUPPORT_REPLIES_TOPIC", kind: .value(placeholder: "TOPIC"), help: "Replies (out).", default: "support.replies"),
        OptionSpec("escalations-topic", env: "SUPPORT_ESCALATIONS_TOPIC", kind: .value(placeholder: "TOPIC"), help: "Escalations (out).", default: "support.escalations"),
        OptionSpec("agent-events-topic", env: "SUPPORT_AGENT_EVENTS_TOPIC", kind: .value(placeholder: "TOPIC"), help: "Agent console events (in).", default: "support.agent-events"),
        OptionSpec("refund-requests-topic", env: "SUPPORT_REFUND_REQUESTS_TOPIC", kind: .value(placeholder: "TOPIC"), help: "Approved refunds (out).", default: "support.refund-requests"),
        OptionSpec("deadletter-topic", env: "SUPPORT_DEADLETTER_TOPIC", kind: .value(placeholder: "TOPIC"), help: "Dead letters (out).", default: "support.deadletter"),
    ]

    static func topics(_ options: ParsedOptions) throws -> TopicNames {
        var t = TopicNames()
        t.inbound = try options.required("inbound-topic")
        t.replies = try options.required("replies-topic")
        t.escalations = try options.required("escalations-topic")
        t.agentEvents = try options.required("agent-events-topic")
        t.refundRequests = try options.required("refund-requests-topic")
        t.deadLetter = try options.required("deadletter-topic")
        guard Set(t.all).count == t.all.count else {
            throw UsageError("topic names must all differ: \(t.all.joined(separator: ", "))")
        }
        return t
    }
}
