import Foundation
import Kafka
import Synchronization

/// A consumer handler that records everything it is told, for tests to inspect.
final class RecordingHandler: KafkaConsumerHandler {
    struct Log: Sendable {
        var records: [ConsumerRecord] = []
        var assigned: [[TopicPartition]] = []
        var revoked: [[TopicPartition]] = []
        var lost: [[TopicPartition]] = []
        var revokingFinished: [[TopicPartition]] = []
    }

    let log = Mutex(Log())
    /// Runs inside `revoking`, before it returns.
    let onRevoking: (@Sendable ([TopicPartition]) async -> Void)?
    /// Runs inside `received`, on the poll thread.
    let onReceived: (@Sendable (ConsumerRecord) -> Void)?

    init(
        onReceived: (@Sendable (ConsumerRecord) -> Void)? = nil,
        onRevoking: (@Sendable ([TopicPartition]) async -> Void)? = nil
    ) {
        self.onReceived = onReceived
        self.onRevoking = onRevoking
    }

    func received(_ record: ConsumerRecord) {
        log.withLock { $0.records.append(record) }
        onReceived?(record)
    }

    func assigned(_ partitions: [TopicPartition]) {
        log.withLock { $0.assigned.append(partitions) }
    }

    func revoking(_ partitions: [TopicPartition]) async {
        log.withLock { $0.revoked.append(partitions) }
        await onRevoking?(partitions)
        log.withLock { $0.revokingFinished.append(partitions) }
    }

    func lost(_ partitions: [TopicPartition]) {
        log.withLock { $0.lost.append(partitions) }
    }

    var records: [ConsumerRecord] { log.withLock { $0.records } }
    var snapshot: Log { log.withLock { $0 } }
}
