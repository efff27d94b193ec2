import Foundation
import Kafka
import Logging

/// Names and configurations shared by the tests, each test on its own mock cluster.
enum TestCluster {
    /// Errors and worse only; set `KAFKA_TEST_LOG=debug` (or `info`, `warning`) to see more,
    /// and `KAFKA_TEST_DEBUG=cgrp,fetch` for librdkafka's own debug contexts.
    static let logger: Logger = {
        let name = ProcessInfo.processInfo.environment["KAFKA_TEST_LOG"] ?? "error"
        return Logger(label: "kafka", level: LogLevel(name: name) ?? .error)
    }()

    /// A producer for `cluster`.
    static func producer(_ cluster: MockCluster) throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
        configuration.linger = .milliseconds(1)
        configuration.deliveryTimeout = .seconds(120)
        return try KafkaProducer(configuration: configuration, logger: logger)
    }

    /// A consumer configuration for `cluster` with short group timings: the mock cluster makes
    /// a join wait `session.timeout.ms` − 1 s once the group exists. Shorter sessions than 6 s
    /// expire on a busy machine and rebalance at random. The revoke timeout is long: the
    /// `revoking` handler runs on the cooperative pool, which other tests may keep busy for a
    /// while, and a test that waits for revoking to finish must not see it cut short.
    static func consumerConfiguration(_ cluster: MockCluster, group: String) -> KafkaConsumerConfiguration {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: group)
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .seconds(1)
        configuration.maxPollInterval = .seconds(120)
        configuration.revokeTimeout = .seconds(60)
        configuration.autoCommitInterval = .milliseconds(500)
        if let debug = ProcessInfo.processInfo.environment["KAFKA_TEST_DEBUG"] {
            configuration.extraProperties["debug"] = debug
        }
        return configuration
    }

    /// A consumer of `topics` in `group`.
    static func consumer(_ cluster: MockCluster, group: String, topics: [String]) throws -> KafkaConsumer {
        let consumer = try KafkaConsumer(configuration: consumerConfiguration(cluster, group: group), logger: logger)
        try consumer.subscribe(topics: topics)
        return consumer
    }

    /// A client of `group` that does not join it, to read the group's committed offsets.
    static func observer(_ cluster: MockCluster, group: String) throws -> KafkaConsumer {
        try KafkaConsumer(configuration: consumerConfiguration(cluster, group: group), logger: logger)
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
