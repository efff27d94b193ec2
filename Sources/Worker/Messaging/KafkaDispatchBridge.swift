import Logging
import Dispatch
import Kafka

/// Connects the Kafka consumer to the dispatcher: records and assignment changes flow in,
/// offset stores and pause/resume flow back.
public struct KafkaDispatchBridge: KafkaConsumerHandler {
    let dispatcher: Dispatcher
    let revokeTimeout: Duration
    /// Set only by fault injection: commit each offset when read (the unsafe pattern).
    let unsafeCommitOnReceive: KafkaConsumer?

    public init(dispatcher: Dispatcher, revokeTimeout: Duration, unsafeCommitOnReceive: KafkaConsumer? = nil) {
        self.dispatcher = dispatcher
        self.revokeTimeout = revokeTimeout
        self.unsafeCommitOnReceive = unsafeCommitOnReceive
    }

    public func received(_ record: ConsumerRecord) {
        if let consumer = unsafeCommitOnReceive {
            // The pattern the crash tests must catch: the offset is durable before the work is.
            try? consumer.storeOffset(record.topicPartition, offset: record.offset)
            let done = DispatchSemaphore(value: 0)
            Task {
                try? await consumer.commit()
                done.signal()
            }
            done.wait()
        }
        dispatcher.received(
            InboundRecord(topic: record.topic, partition: record.partition, offset: record.offset, key: record.key, value: record.value))
    }

    public func assigned(_ partitions: [TopicPartition]) {
        dispatcher.assigned(partitions.map(PartitionID.init))
    }

    public func revoking(_ partitions: [TopicPartition]) async {
        await dispatcher.revoking(partitions.map(PartitionID.init), deadline: .now + revokeTimeout)
    }

    public func lost(_ partitions: [TopicPartition]) {
        dispatcher.lost(partitions.map(PartitionID.init))
    }
}

/// Offset stores and pause/resume on the Kafka consumer.
public struct KafkaConsumerControl: ConsumerControl {
    let consumer: KafkaConsumer
    let logger: Logging.Logger

    public init(consumer: KafkaConsumer, logger: Logging.Logger) {
        self.consumer = consumer
        self.logger = logger
    }

    public func storeOffset(_ partition: PartitionID, nextOffset: Int64) {
        do {
            try consumer.storeOffset(TopicPartition(partition), offset: nextOffset - 1)
        } catch {
            // The partition was revoked meanwhile: the next owner gets the records again.
            logger.notice("offset not stored", ["partition": .string(partition.description), "error": .string("\(error)")])
        }
    }

    public func pause(_ partitions: [PartitionID]) {
        do { try consumer.pause(partitions.map(TopicPartition.init)) } catch {
            logger.warning("pause failed", ["error": .string("\(error)")])
        }
    }

    public func resume(_ partitions: [PartitionID]) {
        do { try consumer.resume(partitions.map(TopicPartition.init)) } catch {
            logger.warning("resume failed", ["error": .string("\(error)")])
        }
    }
}

extension PartitionID {
    init(_ p: TopicPartition) { self.init(topic: p.topic, partition: p.partition) }
}

extension TopicPartition {
    init(_ p: PartitionID) { self.init(topic: p.topic, partition: p.partition) }
}
