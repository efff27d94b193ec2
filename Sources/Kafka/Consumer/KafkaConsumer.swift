import CRdKafka
import Logging

/// Reads records as a member of a consumer group and commits only the offsets its caller stored.
///
/// One librdkafka consumer with the `cooperative-sticky` assignor. ``run(handler:)`` polls on a
/// dedicated thread and hands records, assignments and revocations to a
/// ``KafkaConsumerHandler``. Offsets are never stored automatically: the caller stores a
/// record's next offset with ``storeOffset(_:nextOffset:)`` once its outcome is durable, and stored
/// offsets are committed every `autoCommitInterval`, when partitions are revoked, and at
/// shutdown. A crash therefore means redelivery, never loss.
public final class KafkaConsumer: Sendable {
    private let client: RdKafkaClient
    private let session: ConsumerGroupSession
    private let logger: Logger
    /// How long closing waits for a first assignment (see ``ConsumerGroupSession/leaveGroup``).
    private let firstAssignmentWait: Duration

    /// Creates the consumer. Throws for a rejected configuration, naming the property.
    public convenience init(
        configuration: KafkaConsumerConfiguration, logger: Logger = Logger(label: "kafka")
    ) throws(KafkaError) {
        try self.init(configuration: configuration, logger: logger, assignmentStrategy: "cooperative-sticky")
    }

    /// Creates the consumer with another assignor, to test the eager rebalance protocol.
    init(configuration: KafkaConsumerConfiguration, logger: Logger, assignmentStrategy: String) throws(KafkaError) {
        let rdConfiguration = RdKafkaConfiguration()
        try rdConfiguration.set(configuration.librdkafkaProperties(assignmentStrategy: assignmentStrategy))
        let session = ConsumerGroupSession(logger: logger, revokeTimeout: configuration.revokeTimeout)
        let client = try RdKafkaClient(
            kind: .consumer, configuration: rdConfiguration, callbacks: session, role: .consumer)
        // Serve logs, errors and commit results from consumer_poll, on the poll thread.
        try client.withHandle { handle throws(KafkaError) in _ = rd_kafka_poll_set_consumer(handle) }
        self.client = client
        self.session = session
        self.logger = logger
        self.firstAssignmentWait = min(configuration.sessionTimeout, .seconds(10))
    }

    deinit {
        // Never run: close and destroy off the caller's thread (both block).
        guard session.state.withLock({ $0.startRun() }) == .start else { return }
        let client = self.client
        let session = self.session
        let firstAssignmentWait = self.firstAssignmentWait
        BlockingExecutor.queue.async {
            try? client.withHandle { handle throws(KafkaError) in
                session.leaveGroup(handle: handle, firstAssignmentWait: firstAssignmentWait)
            }
            client.destroy()
            session.state.withLock { $0.finish() }
        }
    }

    /// Subscribes to `topics` (replacing an earlier subscription). Names starting with `^` are
    /// regular expressions. Takes effect at the next rebalance, also before ``run(handler:)``.
    public func subscribe(topics: [String]) throws(KafkaError) {
        guard !topics.isEmpty, topics.allSatisfy({ !$0.isEmpty && !$0.utf8.contains(0) }) else {
            throw KafkaError(.invalidArgument, "subscribe needs at least one topic, each with a non-empty name")
        }
        let list = TopicPartitionList(capacity: topics.count)
        for topic in topics { list.add(TopicPartition(topic: topic, partition: -1)) }
        let code = try client.withHandle { handle throws(KafkaError) in
            LibrdkafkaErrorCode(rd_kafka_subscribe(handle, list.pointer))
        }
        guard code == .noError else {
            throw KafkaError(
                .subscriptionFailed, "subscribing to \(topics.joined(separator: ", ")) failed: \(code.explanation)",
                librdkafkaCode: code)
        }
        logger.info("subscribed", ["topics": .array(topics.map { .string($0) })])
    }

    /// Polls on a dedicated thread, delivering to `handler`, until ``triggerShutdown()`` (or the
    /// calling task is cancelled); then commits stored offsets, closes the consumer (revoking
    /// its partitions through the handler), destroys it, and returns.
    ///
    /// Poll errors (a broker down, a transport failure) are logged while librdkafka retries; a
    /// fatal error ends `run` with a ``KafkaError/isFatal`` error. May be called once.
    public func run(handler: any KafkaConsumerHandler) async throws(KafkaError) {
        switch session.state.withLock({ $0.startRun() }) {
        case .start: break
        case .refuseRunning:
            throw KafkaError(.alreadyRunning, "run(handler:) was called while the consumer already runs")
        case .refuseFinished:
            throw KafkaError(.shutDown, "the consumer is shut down; create a new one")
        }
        session.install(handler)
        let client = self.client
        let session = self.session
        let logger = self.logger
        let firstAssignmentWait = self.firstAssignmentWait
        let outcome: Result<Void, KafkaError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                PollThread(name: "kafka-consumer-poll").start { _ in
                    let outcome = Self.pollUntilStopped(
                        client: client, session: session, handler: handler, firstAssignmentWait: firstAssignmentWait,
                        logger: logger)
                    continuation.resume(returning: outcome)
                }
            }
        } onCancel: {
            self.triggerShutdown()
        }
        try outcome.get()
    }

    /// The poll thread's whole life: poll, then commit, close and destroy.
    private static func pollUntilStopped(
        client: RdKafkaClient, session: ConsumerGroupSession, handler: some KafkaConsumerHandler,
        firstAssignmentWait: Duration, logger: Logger
    ) -> Result<Void, KafkaError> {
        logger.info("consumer started", ["client": .string(client.name)])
        try? client.withHandle { handle throws(KafkaError) in
            while !session.state.withLock({ $0.shouldStop }) {
                guard let message = rd_kafka_consumer_poll(handle, 100) else { continue }
                defer { rd_kafka_message_destroy(message) }
                let code = LibrdkafkaErrorCode(message.pointee.err)
                if code == .noError {
                    handler.received(ConsumerRecord(copying: message))
                } else if code != .partitionEOF {
                    let reason = rd_kafka_message_errstr(message).map { String(cString: $0) } ?? code.explanation
                    logger.warning(
                        "consumer poll reported an error; librdkafka retries",
                        ["error": .string(code.name), "reason": .string(reason)])
                }
            }
            session.leaveGroup(handle: handle, firstAssignmentWait: firstAssignmentWait)
        }
        client.destroy()
        let fatal = session.state.withLock { state in
            state.finish()
            return state.fatalError
        }
        logger.info("consumer closed", ["client": .string(client.name)])
        if let fatal { return .failure(fatal) }
        return .success(())
    }

    /// Asks ``run(handler:)`` to commit, close and return. Returns at once; idempotent.
    public func triggerShutdown() {
        if session.state.withLock({ $0.requestStop() }) {
            logger.info("consumer shutdown requested")
        }
    }

    /// Stores the partition's position: `nextOffset` is the next offset to consume (the
    /// processed record's offset + 1, as Kafka commits it), committed at the next commit. Throws
    /// `offsetStoreFailed` for a partition that is not (or no longer) assigned, `shutDown` after
    /// the consumer closed.
    ///
    /// Stores exactly what it is given: the caller makes sure every earlier record of the
    /// partition is done too.
    public func storeOffset(_ partition: TopicPartition, nextOffset: Int64) throws(KafkaError) {
        guard nextOffset >= 1 else {
            throw KafkaError(.invalidArgument, "next offset \(nextOffset) for \(partition) is not positive")
        }
        guard session.state.withLock({ $0.isAssigned(partition) }) else {
            throw KafkaError(
                .offsetStoreFailed, "\(partition) is not assigned to this consumer; its offset cannot be stored",
                librdkafkaCode: .state)
        }
        let list = TopicPartitionList(offsets: [partition: nextOffset])
        let code = try client.withHandle { handle throws(KafkaError) in
            LibrdkafkaErrorCode(rd_kafka_offsets_store(handle, list.pointer))
        }
        let entryCode = list.entries.first?.error ?? code
        guard code == .noError, entryCode == .noError else {
            let cause = entryCode != .noError ? entryCode : code
            throw KafkaError(
                .offsetStoreFailed,
                cause == .state
                    ? "\(partition) is no longer assigned to this consumer; its offset cannot be stored"
                    : "storing offset \(nextOffset) for \(partition) failed: \(cause.explanation)",
                librdkafkaCode: cause)
        }
        session.state.withLock { $0.stored(partition, nextOffset: nextOffset) }
    }

    /// Commits the stored offsets now and waits for the broker's answer (off the cooperative
    /// pool). Nothing stored is not an error.
    public func commit() async throws(KafkaError) {
        let client = self.client
        let result: Result<Void, KafkaError> = await BlockingExecutor.run {
            do throws(KafkaError) {
                let code = try client.withHandle { handle throws(KafkaError) in
                    LibrdkafkaErrorCode(rd_kafka_commit(handle, nil, 0))
                }
                guard code == .noError || code == .noOffset else {
                    return .failure(
                        KafkaError(.commitFailed, "committing stored offsets failed: \(code.explanation)", librdkafkaCode: code))
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// The group's committed offsets of `partitions` (the next offset to read), asked from the
    /// group coordinator; partitions without a committed offset are left out. Works without
    /// joining the group.
    public func committedOffsets(
        for partitions: [TopicPartition], timeout: Duration = .seconds(10)
    ) async throws(KafkaError) -> [TopicPartition: Int64] {
        guard !partitions.isEmpty else { return [:] }
        let client = self.client
        let result: Result<[TopicPartition: Int64], KafkaError> = await BlockingExecutor.run {
            do throws(KafkaError) {
                let list = TopicPartitionList(partitions)
                let code = try client.withHandle { handle throws(KafkaError) in
                    LibrdkafkaErrorCode(rd_kafka_committed(handle, list.pointer, timeout.librdkafkaTimeoutMilliseconds))
                }
                guard code == .noError else {
                    return .failure(
                        KafkaError(
                            .commitFailed, "reading committed offsets failed: \(code.explanation)", librdkafkaCode: code))
                }
                var offsets: [TopicPartition: Int64] = [:]
                for entry in list.entries where entry.error == .noError && entry.offset >= 0 {
                    offsets[entry.partition] = entry.offset
                }
                return .success(offsets)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Stops fetching from `partitions` (backpressure). Records already fetched but not yet
    /// delivered are dropped and fetched again on ``resume(_:)``, from the position after the
    /// last delivered record. A revoked partition is always resumed for its next owner.
    /// Returns once librdkafka's fetcher applied it (no network round trip).
    public func pause(_ partitions: [TopicPartition]) throws(KafkaError) {
        try pauseOrResume(partitions, pause: true)
    }

    /// Restarts fetching from paused `partitions`.
    public func resume(_ partitions: [TopicPartition]) throws(KafkaError) {
        try pauseOrResume(partitions, pause: false)
    }

    private func pauseOrResume(_ partitions: [TopicPartition], pause: Bool) throws(KafkaError) {
        guard !partitions.isEmpty else { return }
        let list = TopicPartitionList(partitions)
        let code = try client.withHandle { handle throws(KafkaError) in
            LibrdkafkaErrorCode(pause ? rd_kafka_pause_partitions(handle, list.pointer) : rd_kafka_resume_partitions(handle, list.pointer))
        }
        let failed = list.entries.filter { $0.error != .noError }
        guard code == .noError, failed.isEmpty else {
            let cause = failed.first?.error ?? code
            throw KafkaError(
                .pauseResumeFailed,
                "\(pause ? "pausing" : "resuming") \(failed.map(\.partition.description).joined(separator: ", ")) failed: \(cause.explanation)",
                librdkafkaCode: cause)
        }
    }

    /// The partitions currently assigned to this consumer.
    public var assignment: Set<TopicPartition> { session.state.withLock { $0.assignment } }
}
