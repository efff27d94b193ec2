import CRdKafka

/// A librdkafka error code (`rd_kafka_resp_err_t`): Kafka protocol errors (positive, as the
/// broker sent them) and librdkafka's local errors (negative, named with a leading `_`).
///
/// Kept inside ``KafkaError`` so operators see the exact cause, and used by ``MockCluster`` to
/// inject broker errors.
public struct LibrdkafkaErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric `rd_kafka_resp_err_t` value.
    public var rawValue: Int32

    /// Wraps a numeric `rd_kafka_resp_err_t` value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    init(_ code: rd_kafka_resp_err_t) { self.rawValue = code.rawValue }

    var cValue: rd_kafka_resp_err_t { rd_kafka_resp_err_t(rawValue: rawValue) }

    /// librdkafka's symbolic name without the `RD_KAFKA_RESP_ERR_` prefix, e.g. `_MSG_TIMED_OUT`
    /// or `NOT_LEADER_FOR_PARTITION`.
    public var name: String { String(cString: rd_kafka_err2name(cValue)) }

    /// librdkafka's human-readable explanation of the code.
    public var explanation: String { String(cString: rd_kafka_err2str(cValue)) }

    /// `NAME (number)`.
    public var description: String { "\(name) (\(rawValue))" }

    /// Whether trying the same operation again may succeed: broker or network conditions that
    /// pass (leader moves, timeouts, a broker down, a full local queue, a rebalance).
    public var isRetriable: Bool { Self.retriable.contains(self) }

    private static let retriable: Set<LibrdkafkaErrorCode> = [
        .transport, .messageTimedOut, .timedOut, .queueFull, .allBrokersDown, .waitingForCoordinator,
        .purgedFromQueue, .purgedInFlight, .retry, .leaderNotAvailable, .notLeaderForPartition,
        .requestTimedOut, .networkException, .coordinatorLoadInProgress, .coordinatorNotAvailable,
        .notCoordinator, .notEnoughReplicas, .notEnoughReplicasAfterAppend, .rebalanceInProgress,
        .kafkaStorageError, .preferredLeaderNotAvailable, .fencedLeaderEpoch,
    ]

    // MARK: Local (librdkafka) errors

    /// No error.
    public static let noError = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_NO_ERROR)
    /// The client is being destroyed.
    public static let destroyed = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__DESTROY)
    /// A broker connection failed or was closed. Injected into the mock, it disconnects the client.
    public static let transport = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__TRANSPORT)
    /// A message was not acknowledged within `message.timeout.ms`.
    public static let messageTimedOut = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
    /// The consumer reached the end of a partition (only with `enable.partition.eof`).
    public static let partitionEOF = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__PARTITION_EOF)
    /// The partition does not exist (locally known).
    public static let unknownPartition = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION)
    /// The topic does not exist (locally known).
    public static let unknownTopic = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
    /// No broker can be reached.
    public static let allBrokersDown = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
    /// An argument was invalid.
    public static let invalidArgument = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__INVALID_ARG)
    /// A local operation timed out.
    public static let timedOut = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__TIMED_OUT)
    /// The local producer queue is full (`queue.buffering.max.messages` / `.kbytes`).
    public static let queueFull = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__QUEUE_FULL)
    /// Waiting for the group coordinator.
    public static let waitingForCoordinator = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__WAIT_COORD)
    /// The operation is not valid in the client's current state (e.g. a partition not assigned).
    public static let state = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__STATE)
    /// There was no offset to commit.
    public static let noOffset = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__NO_OFFSET)
    /// The request will be retried by librdkafka.
    public static let retry = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__RETRY)
    /// A queued message was purged before it was sent.
    public static let purgedFromQueue = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__PURGE_QUEUE)
    /// An in-flight message was purged; its delivery is unknown.
    public static let purgedInFlight = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)
    /// A fatal error was raised; the client instance is unusable (see `rd_kafka_fatal_error`).
    public static let fatal = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__FATAL)
    /// The consumer did not poll within `max.poll.interval.ms` and left the group.
    public static let maxPollExceeded = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__MAX_POLL_EXCEEDED)
    /// The assignment was lost (session timed out, fenced).
    public static let assignmentLost = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__ASSIGNMENT_LOST)

    // MARK: Kafka protocol (broker) errors

    /// The topic or partition does not exist on the broker.
    public static let unknownTopicOrPartition = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
    /// The partition has no leader right now.
    public static let leaderNotAvailable = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE)
    /// The broker is not the partition's leader.
    public static let notLeaderForPartition = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION)
    /// The broker timed out the request.
    public static let requestTimedOut = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT)
    /// The message exceeds the broker's maximum size.
    public static let messageSizeTooLarge = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
    /// The broker lost a connection to another broker.
    public static let networkException = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION)
    /// The group coordinator is loading.
    public static let coordinatorLoadInProgress = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS)
    /// The group coordinator is not available.
    public static let coordinatorNotAvailable = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE)
    /// The broker is not the group coordinator.
    public static let notCoordinator = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_NOT_COORDINATOR)
    /// Fewer in-sync replicas than `min.insync.replicas`.
    public static let notEnoughReplicas = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS)
    /// Written to the leader, but fewer in-sync replicas than required afterwards.
    public static let notEnoughReplicasAfterAppend =
        LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND)
    /// The group generation moved on.
    public static let illegalGeneration = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION)
    /// The coordinator does not know this member.
    public static let unknownMemberID = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID)
    /// The group is rebalancing.
    public static let rebalanceInProgress = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS)
    /// An idempotent producer's sequence number is out of order.
    public static let outOfOrderSequenceNumber = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER)
    /// An idempotent producer's batch was already written.
    public static let duplicateSequenceNumber = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_DUPLICATE_SEQUENCE_NUMBER)
    /// The producer epoch is no longer valid.
    public static let invalidProducerEpoch = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH)
    /// The broker had a disk error.
    public static let kafkaStorageError = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR)
    /// The broker does not know the producer id.
    public static let unknownProducerID = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_UNKNOWN_PRODUCER_ID)
    /// The leader epoch is stale.
    public static let fencedLeaderEpoch = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_FENCED_LEADER_EPOCH)
    /// The preferred leader is not available.
    public static let preferredLeaderNotAvailable =
        LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR_PREFERRED_LEADER_NOT_AVAILABLE)
}

extension LibrdkafkaErrorCode {
    /// Rebalance callback: partitions are assigned.
    static let assignPartitions = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS)
    /// Rebalance callback: partitions are revoked.
    static let revokePartitions = LibrdkafkaErrorCode(RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS)
}
