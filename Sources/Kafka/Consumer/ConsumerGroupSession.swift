import CRdKafka
import Dispatch
import Logging
import Synchronization

/// A consumer's side of its group: receives librdkafka's rebalance, commit and error callbacks
/// (on the poll thread), keeps the ``ConsumerState``, and calls the ``KafkaConsumerHandler``.
final class ConsumerGroupSession: RdKafkaCallbacks {
    let logger: Logger
    let state = Mutex(ConsumerState())
    private let handler = Mutex<(any KafkaConsumerHandler)?>(nil)
    private let revokeTimeout: Duration
    /// Set just before `rd_kafka_consumer_close`: the last revocation has no next owner here.
    private let closing = Mutex(false)

    init(logger: Logger, revokeTimeout: Duration) {
        self.logger = logger
        self.revokeTimeout = revokeTimeout
    }

    /// Installs the handler that `run` delivers to.
    func install(_ handler: any KafkaConsumerHandler) {
        self.handler.withLock { $0 = handler }
    }

    private var currentHandler: (any KafkaConsumerHandler)? { handler.withLock { $0 } }

    // MARK: Rebalance

    func rebalance(
        handle: OpaquePointer, code: LibrdkafkaErrorCode,
        partitions list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) {
        let cooperative = rd_kafka_rebalance_protocol(handle).map { String(cString: $0) } == "COOPERATIVE"
        let partitions = TopicPartitionList.partitions(of: list)
        switch code {
        case .assignPartitions:
            assign(handle: handle, list: list, partitions: partitions, cooperative: cooperative)
        case .revokePartitions:
            if rd_kafka_assignment_lost(handle) != 0 {
                lose(handle: handle, list: list, partitions: partitions, cooperative: cooperative)
            } else {
                revoke(handle: handle, list: list, partitions: partitions, cooperative: cooperative)
            }
        default:
            // A failed rebalance: librdkafka asks to drop the whole assignment to resynchronise.
            logger.error("rebalance failed; dropping the assignment", ["error": .string(code.name)])
            let assigned = state.withLock { Array($0.assignment) }
            lose(handle: handle, list: nil, partitions: assigned, cooperative: cooperative)
        }
    }

    private func assign(
        handle: OpaquePointer, list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>,
        partitions: [TopicPartition], cooperative: Bool
    ) {
        if cooperative {
            if let error = rd_kafka_incremental_assign(handle, list) {
                logFailure("incremental assign", error)
            }
        } else {
            let result = rd_kafka_assign(handle, list)
            if result != RD_KAFKA_RESP_ERR_NO_ERROR {
                logger.error("assign failed", ["error": .string(LibrdkafkaErrorCode(result).name)])
            }
        }
        state.withLock { $0.assign(partitions) }
        guard !partitions.isEmpty else { return }
        logger.info("partitions assigned", ["partitions": .describing(partitions.sorted(by: Self.order))])
        currentHandler?.assigned(partitions)
    }

    private func revoke(
        handle: OpaquePointer, list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>,
        partitions: [TopicPartition], cooperative: Bool
    ) {
        logger.info("partitions being revoked", ["partitions": .describing(partitions.sorted(by: Self.order))])
        if let handler = currentHandler, !partitions.isEmpty {
            let finished = DispatchSemaphore(value: 0)
            Task {
                await handler.revoking(partitions)
                finished.signal()
            }
            if finished.wait(timeout: .now() + .milliseconds(Int(revokeTimeout.librdkafkaMilliseconds))) == .timedOut {
                logger.warning(
                    "revoke handler did not finish within revokeTimeout; committing what is stored",
                    ["revoke_timeout_ms": .integer(revokeTimeout.librdkafkaMilliseconds)])
            }
        }
        let offsets = state.withLock { $0.revoke(partitions) }
        commitSynchronously(handle: handle, offsets: offsets, reason: "revocation")
        unassign(handle: handle, list: list, cooperative: cooperative)
        resumeForNextOwner(handle: handle, partitions: partitions)
    }

    private func lose(
        handle: OpaquePointer, list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        partitions: [TopicPartition], cooperative: Bool
    ) {
        logger.warning("partitions lost", ["partitions": .describing(partitions.sorted(by: Self.order))])
        state.withLock { $0.lose(partitions) }
        if !partitions.isEmpty { currentHandler?.lost(partitions) }
        if let list {
            unassign(handle: handle, list: list, cooperative: cooperative)
        } else if cooperative {
            let all = TopicPartitionList(partitions)
            unassign(handle: handle, list: all.pointer, cooperative: true)
        } else {
            _ = rd_kafka_assign(handle, nil)
        }
        resumeForNextOwner(handle: handle, partitions: partitions)
    }

    private func unassign(
        handle: OpaquePointer, list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, cooperative: Bool
    ) {
        if cooperative {
            if let error = rd_kafka_incremental_unassign(handle, list) {
                logFailure("incremental unassign", error)
            }
        } else {
            let result = rd_kafka_assign(handle, nil)
            if result != RD_KAFKA_RESP_ERR_NO_ERROR {
                logger.error("unassign failed", ["error": .string(LibrdkafkaErrorCode(result).name)])
            }
        }
    }

    /// librdkafka keeps a partition's pause flag across reassignment; clearing it here means a
    /// partition assigned again always starts unpaused, whatever its previous owner did.
    ///
    /// Not while the consumer closes: there is no next assignment then, and in librdkafka 2.0.2
    /// `rd_kafka_resume_partitions` inside the close's rebalance callback waits for a reply from
    /// the thread that is itself waiting for the callback — a deadlock.
    private func resumeForNextOwner(handle: OpaquePointer, partitions: [TopicPartition]) {
        guard !partitions.isEmpty, !closing.withLock({ $0 }) else { return }
        let list = TopicPartitionList(partitions)
        _ = rd_kafka_resume_partitions(handle, list.pointer)
    }

    /// Commits `offsets` and waits for the broker's answer (on the poll thread). A failure is
    /// logged, not thrown: the records after the last committed offset are redelivered to the
    /// partitions' next owner.
    func commitSynchronously(handle: OpaquePointer, offsets: [TopicPartition: Int64], reason: String) {
        guard !offsets.isEmpty else { return }
        let list = TopicPartitionList(offsets: offsets)
        let code = LibrdkafkaErrorCode(rd_kafka_commit(handle, list.pointer, 0))
        let failed = list.entries.filter { $0.error != .noError }
        let described = LogValue.object(
            Dictionary(uniqueKeysWithValues: list.entries.map { ($0.partition.description, .int($0.offset)) }))
        if code != .noError || !failed.isEmpty {
            logger.warning(
                "offset commit failed; records after the last committed offsets will be redelivered",
                ["reason": .string(reason), "error": .string((failed.first?.error ?? code).name), "offsets": described])
        } else {
            logger.info("offsets committed", ["reason": .string(reason), "offsets": described])
        }
    }

    // MARK: Leaving the group

    /// Commits what is stored, then closes the consumer (revoking through the handler). On the
    /// thread that owns the handle, just before it is destroyed.
    ///
    /// librdkafka 2.0.2 aborts the process when a cooperative-sticky consumer is destroyed after
    /// its JoinGroup succeeded but before its first assignment arrived (confluentinc/librdkafka
    /// #4312, fixed in 2.3.0). A member that joined but has no assignment yet therefore keeps
    /// polling, up to `firstAssignmentWait`, until the assignment arrives.
    func leaveGroup(handle: OpaquePointer, firstAssignmentWait: Duration) {
        let clock = ContinuousClock()
        let deadline = clock.now + firstAssignmentWait
        while !state.withLock({ $0.hasBeenAssigned }) && Self.hasMemberID(handle) && clock.now < deadline {
            if let message = rd_kafka_consumer_poll(handle, 100) { rd_kafka_message_destroy(message) }
        }
        if !state.withLock({ $0.hasBeenAssigned }) && Self.hasMemberID(handle) {
            logger.warning("closing a consumer that joined its group but never got an assignment")
        }
        let committed = LibrdkafkaErrorCode(rd_kafka_commit(handle, nil, 0))
        if committed != .noError && committed != .noOffset {
            logger.error("final offset commit failed", ["error": .string(committed.name)])
        }
        closing.withLock { $0 = true }
        let closed = LibrdkafkaErrorCode(rd_kafka_consumer_close(handle))
        if closed != .noError {
            logger.warning("consumer close reported an error", ["error": .string(closed.name)])
        }
    }

    private static func hasMemberID(_ handle: OpaquePointer) -> Bool {
        guard let memberID = rd_kafka_memberid(handle) else { return false }
        defer { rd_kafka_mem_free(handle, memberID) }
        return memberID.pointee != 0
    }

    // MARK: Other callbacks

    func offsetsCommitted(code: LibrdkafkaErrorCode, offsets: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        guard code != .noError, code != .noOffset else { return }
        let failed = offsets.map { TopicPartitionList.entries(of: $0).filter { $0.error != .noError } } ?? []
        logger.warning(
            "automatic offset commit failed; it is retried at the next interval",
            ["error": .string(code.name), "partitions": .describing(failed.map { "\($0.partition)" })])
    }

    func errorReported(handle: OpaquePointer, code: LibrdkafkaErrorCode, reason: String) {
        guard code == .fatal else {
            logger.warning("consumer error", ["error": .string(code.name), "reason": .string(reason)])
            return
        }
        var text = [CChar](repeating: 0, count: 512)
        let underlying = LibrdkafkaErrorCode(rd_kafka_fatal_error(handle, &text, text.count))
        let detail = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let error = KafkaError(
            .fatal, "the consumer hit a fatal error and must be recreated: \(detail)",
            librdkafkaCode: underlying == .noError ? .fatal : underlying, isRetriable: false, isFatal: true)
        if state.withLock({ $0.fail(with: error) }) {
            logger.critical("consumer hit a fatal error; stopping", ["error": .string(error.message)])
        }
    }

    private func logFailure(_ operation: String, _ error: OpaquePointer) {
        logger.error(
            "\(operation) failed",
            ["error": .string(LibrdkafkaErrorCode(rd_kafka_error_code(error)).name),
                "reason": .string(String(cString: rd_kafka_error_string(error)))])
        rd_kafka_error_destroy(error)
    }

    private static func order(_ a: TopicPartition, _ b: TopicPartition) -> Bool {
        (a.topic, a.partition) < (b.topic, b.partition)
    }
}
