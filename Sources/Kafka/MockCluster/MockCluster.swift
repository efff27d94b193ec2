import CRdKafka
import Logging
import Synchronization

/// A Kafka-protocol cluster inside this process: librdkafka's mock brokers, listening on
/// localhost ports, for development (`support-worker dev-broker`) and tests.
///
/// Supports producing (idempotent too), consumer groups with offset commits, and fault
/// injection: brokers down and up, round-trip delays, request errors, coordinator and leader
/// moves. Where librdkafka 2.0.2's mock differs from a real broker:
/// - A group's first join waits 3 s; every later join (a member added, a cooperative
///   rebalance's second round) waits `session.timeout.ms` − 1 s. Keep session timeouts short.
/// - Offset commits that reach the group while it is joining fail (`REBALANCE_IN_PROGRESS`,
///   or `ILLEGAL_GENERATION` from an older generation), e.g. the revocation commit of a member
///   shutting down while another leaves; those records are redelivered to the next owner.
/// - Each partition keeps only its newest 5 MiB (or 100,000 batches): older records vanish and
///   a lagging consumer silently skips them. Size load tests below that.
/// - A broker taken down refuses connections but stays leader: its partitions wait (records
///   are retried until `deliveryTimeout`, then fail with `_MSG_TIMED_OUT`).
///
/// `@unchecked Sendable`: the cluster pointer never changes; librdkafka's mock API is
/// thread-safe (each call is a request to the cluster's own thread); `isShutDown`, held during
/// every call, keeps calls and destruction apart.
public final class MockCluster: @unchecked Sendable {
    /// The librdkafka client the mock cluster needs for its bookkeeping (a producer without brokers).
    private let client: RdKafkaClient
    /// `rd_kafka_mock_cluster_t *`.
    private let cluster: OpaquePointer
    private let isShutDown = Mutex(false)
    /// The number of brokers, with ids `1...brokerCount`.
    public let brokerCount: Int
    /// The comma-separated `host:port` list to bootstrap clients from.
    public let bootstrapServers: String

    /// Starts a cluster of `brokers` brokers (ids 1 through `brokers`).
    public init(brokers: Int = 3, logger: Logger = Logger(label: "kafka", level: .warning)) throws(KafkaError) {
        guard (1...64).contains(brokers) else {
            throw KafkaError(.invalidArgument, "a mock cluster needs 1 to 64 brokers, not \(brokers)")
        }
        let configuration = RdKafkaConfiguration()
        // No bootstrap servers: this client only hosts the mock brokers. Quiet about it.
        try configuration.set("client.id", "mock-cluster")
        try configuration.set("log_level", "3")
        let client = try RdKafkaClient(
            kind: .producer, configuration: configuration, callbacks: MockClusterLog(logger: logger), role: .plain)
        let created = try client.withHandle { handle throws(KafkaError) in
            rd_kafka_mock_cluster_new(handle, Int32(brokers))
        }
        guard let created else {
            throw KafkaError(.mockClusterFailed, "librdkafka could not start a mock cluster of \(brokers) brokers")
        }
        self.client = client
        self.cluster = created
        self.brokerCount = brokers
        self.bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(created))
    }

    deinit {
        shutdown()
    }

    /// Stops the brokers (clients see them disappear) and frees the cluster. Idempotent; every
    /// other method throws `shutDown` afterwards.
    public func shutdown() {
        isShutDown.withLock { isShutDown in
            guard !isShutDown else { return }
            isShutDown = true
            rd_kafka_mock_cluster_destroy(cluster)
        }
    }

    /// Creates a topic. Throws if it exists or the arguments are out of range.
    public func createTopic(_ name: String, partitions: Int32, replicationFactor: Int32 = 1) throws(KafkaError) {
        guard !name.isEmpty, !name.utf8.contains(0) else {
            throw KafkaError(.invalidArgument, "a topic needs a non-empty name")
        }
        guard partitions >= 1 else {
            throw KafkaError(.invalidArgument, "topic \(name) needs at least one partition, not \(partitions)")
        }
        guard (1...Int32(brokerCount)).contains(replicationFactor) else {
            throw KafkaError(
                .invalidArgument,
                "replication factor \(replicationFactor) of topic \(name) must be 1 to \(brokerCount) (the broker count)")
        }
        try perform("create topic \(name)") { rd_kafka_mock_topic_create($0, name, partitions, replicationFactor) }
    }

    /// Disconnects broker `id` and refuses its connections (no leader change).
    public func setBrokerDown(_ id: Int32) throws(KafkaError) {
        try checkBroker(id)
        try perform("take broker \(id) down") { rd_kafka_mock_broker_set_down($0, id) }
    }

    /// Lets broker `id` accept connections again.
    public func setBrokerUp(_ id: Int32) throws(KafkaError) {
        try checkBroker(id)
        try perform("bring broker \(id) up") { rd_kafka_mock_broker_set_up($0, id) }
    }

    /// Delays every response of broker `id` by `milliseconds`.
    public func setBrokerRoundTripTime(_ id: Int32, milliseconds: Int32) throws(KafkaError) {
        try checkBroker(id)
        guard milliseconds >= 0 else {
            throw KafkaError(.invalidArgument, "a round-trip time cannot be negative (\(milliseconds) ms)")
        }
        try perform("set broker \(id) round-trip time") { rd_kafka_mock_broker_set_rtt($0, id, milliseconds) }
    }

    /// Makes the next `errors.count` requests of kind `apiKey` (to any broker) fail with these
    /// errors, in order. ``LibrdkafkaErrorCode/transport`` disconnects the client instead.
    public func pushRequestErrors(apiKey: KafkaAPIKey, errors: [LibrdkafkaErrorCode]) throws(KafkaError) {
        guard apiKey.rawValue >= 0 else { throw KafkaError(.invalidArgument, "\(apiKey) is not a request type") }
        guard !errors.isEmpty else { return }
        let codes = errors.map(\.cValue)
        try withCluster { cluster in
            codes.withUnsafeBufferPointer {
                rd_kafka_mock_push_request_errors_array(cluster, apiKey.rawValue, $0.count, $0.baseAddress)
            }
        }
    }

    /// Drops the injected errors not yet used for `apiKey`.
    public func clearRequestErrors(apiKey: KafkaAPIKey) throws(KafkaError) {
        guard apiKey.rawValue >= 0 else { throw KafkaError(.invalidArgument, "\(apiKey) is not a request type") }
        try withCluster { rd_kafka_mock_clear_request_errors($0, apiKey.rawValue) }
    }

    /// Makes broker `id` the coordinator of consumer group `group`.
    public func setCoordinator(group: String, broker id: Int32) throws(KafkaError) {
        try checkBroker(id)
        try perform("move the coordinator of group \(group)") { rd_kafka_mock_coordinator_set($0, "group", group, id) }
    }

    /// Makes broker `id` the leader of `partition` of `topic` (creating the topic with 4
    /// partitions if needed); `-1` leaves the partition without a leader.
    public func setPartitionLeader(topic: String, partition: Int32, broker id: Int32) throws(KafkaError) {
        if id != -1 { try checkBroker(id) }
        try perform("move the leader of \(topic)[\(partition)]") {
            rd_kafka_mock_partition_set_leader($0, topic, partition, id)
        }
    }

    private func checkBroker(_ id: Int32) throws(KafkaError) {
        guard (1...Int32(brokerCount)).contains(id) else {
            throw KafkaError(.invalidArgument, "broker \(id) does not exist; brokers are 1 to \(brokerCount)")
        }
    }

    /// Runs a mock operation (a short request to the mock cluster's thread) and checks its result.
    private func perform(
        _ operation: String, _ body: (OpaquePointer) -> rd_kafka_resp_err_t
    ) throws(KafkaError) {
        let code = try withCluster { LibrdkafkaErrorCode(body($0)) }
        guard code == .noError else {
            throw KafkaError(
                .mockClusterFailed, "mock cluster could not \(operation): \(code.explanation)", librdkafkaCode: code)
        }
    }

    private func withCluster<T: Sendable>(_ body: (OpaquePointer) -> T) throws(KafkaError) -> T {
        // Held while the mock thread answers (microseconds), so shutdown never frees the cluster mid-call.
        try isShutDown.withLock { isShutDown throws(KafkaError) in
            guard !isShutDown else { throw KafkaError(.shutDown, "the mock cluster is shut down") }
            return body(cluster)
        }
    }
}

/// Routes the mock cluster's librdkafka log lines to a logger.
private final class MockClusterLog: RdKafkaCallbacks {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }
}
