import Foundation
import JSONSchema
import Kafka
import Lifecycle
import Logging
import Postgres
import SupportEvents
import Synchronization
import Testing
import SupportDatabase
import SupportMessaging
@testable import SupportPipeline
import SupportTools
import TestSupport
import Worker

/// Whether the services the integration tests need are configured.
enum IntegrationServices {
    /// The suites run when a PostgreSQL server is configured, and fail (rather than skip) when
    /// scripts/test.sh requires one that is missing.
    static var enabled: Bool { TestPostgres.enabled }
}

/// A fresh database (migrated, seeded with the demo data), a mock Kafka cluster with the
/// service's topics, a worker running against both, an observer of its outputs, and a producer
/// playing the chat gateway. Torn down by `shutdown()`.
final class IntegrationEnvironment: Sendable {
    let cluster: MockCluster
    let topics = TopicNames()
    let databaseURL: String
    let databaseName: String
    let pool: PostgresPool
    let producer: KafkaProducer
    let observer: TopicObserver
    let workers = Mutex<[(ServiceGroup, Task<Void, any Error>)]>([])
    let logger = Logger(label: "integration", level: .warning)

    init(partitions: Int32 = 4, brokers: Int = 3) async throws {
        (databaseURL, databaseName) = try await TestPostgres.createDatabase(prefix: "it")

        pool = try PostgresPool(configuration: PostgresConfiguration(url: databaseURL, poolSize: 2))
        try await DatabaseMigrator(logger: .disabled).migrate(pool)
        try await DemoSeeder.seed(pool)

        cluster = try MockCluster(brokers: brokers)
        for topic in topics.all {
            try cluster.createTopic(topic, partitions: partitions, replicationFactor: Int32(min(3, brokers)))
        }
        producer = try KafkaProducer(configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers))
        observer = try TopicObserver(
            brokers: cluster.bootstrapServers,
            topics: [topics.replies, topics.escalations, topics.refundRequests, topics.deadLetter])
    }

    /// Runs `body` with a fresh environment and always tears it down, also when `body` throws.
    static func with<Value>(
        partitions: Int32 = 4, brokers: Int = 3, _ body: (IntegrationEnvironment) async throws -> Value
    ) async throws -> Value {
        let env = try await IntegrationEnvironment(partitions: partitions, brokers: brokers)
        do {
            let value = try await body(env)
            await env.shutdown()
            return value
        } catch {
            await env.shutdown()
            throw error
        }
    }

    /// Starts a worker (another member of the same consumer group each time).
    @discardableResult
    func startWorker(maximumBuffered: Int = 64, poolSize: Int = 4) throws -> ServiceGroup {
        var configuration = WorkerConfiguration(
            brokers: cluster.bootstrapServers, groupID: "it-workers", databaseURL: databaseURL,
            policy: try .embedded(), escalation: .standard)
        configuration.statusHost = nil
        configuration.migrateOnStart = false
        configuration.sessionTimeout = .seconds(6)
        configuration.databasePoolSize = poolSize
        configuration.pipeline.maximumBuffered = maximumBuffered
        configuration.pipeline.initialBackoff = .milliseconds(20)
        configuration.pipeline.maximumBackoff = .milliseconds(500)
        // Generous: revocation waits for in-flight messages, on a machine that may be busy.
        configuration.pipeline.revokeTimeout = .seconds(60)
        let group = try WorkerApplication(configuration: configuration, logger: logger).group(handleSignals: false)
        let task = Task { try await group.run() }
        workers.withLock { $0.append((group, task)) }
        return group
    }

    /// Stops every worker gracefully.
    func stopWorkers() async {
        let running = workers.withLock { w in
            defer { w = [] }
            return w
        }
        for (group, task) in running {
            group.triggerGracefulShutdown()
            _ = try? await task.value
        }
    }

    func shutdown() async {
        await stopWorkers()
        await observer.stop()
        await producer.shutdown(flushTimeout: .seconds(5))
        await pool.close()
        cluster.shutdown()
        await TestPostgres.dropDatabase(databaseName)
    }

    /// An inbound message payload.
    static func message(_ text: String, conversation: String, customer: String, id: UUID = UUID()) -> (UUID, [UInt8]) {
        let value: JSONValue = [
            "schema_version": 1, "message_id": .string(id.lowercasedString), "conversation_id": .string(conversation),
            "customer_id": .string(customer), "channel": "web", "text": .string(text), "sent_at": .string(RFC3339.format(Date())),
        ]
        return (id, Array(value.serialized().utf8))
    }

    /// Produces an inbound message as the gateway would (keyed by conversation).
    @discardableResult
    func send(_ payload: [UInt8], conversation: String) async throws -> DeliveryReport {
        try await producer.send(ProducerRecord(topic: topics.inbound, key: Array(conversation.utf8), value: payload))
    }

    /// Observed events (topic, parsed payload) that answer `messageID`.
    func events(for messageID: UUID) -> [(topic: String, event: JSONValue)] {
        observer.observations.compactMap { o in
            guard let v = try? JSONValue.parse(o.record.value), v["message_id"] == .string(messageID.lowercasedString) else { return nil }
            return (o.record.topic, v)
        }
    }

    /// Waits until every message id has a reply.
    func waitForReplies(_ ids: [UUID], timeout: Duration = .seconds(180)) async -> Bool {
        let wanted = Set(ids.map(\.lowercasedString))
        let replies = topics.replies
        return await observer.wait(timeout: timeout) { observations in
            var seen: Set<String> = []
            for o in observations where o.record.topic == replies {
                if let id = (try? JSONValue.parse(o.record.value))?["message_id"]?.stringValue { seen.insert(id) }
            }
            return wanted.isSubset(of: seen)
        }
    }

    /// Row count of a table.
    func count(_ table: String) async throws -> Int64 {
        try await pool.query("SELECT count(*) AS n FROM \(table)").first!.decode(column: "n", as: Int64.self)
    }
}
