import SupportPipeline
import Kafka
import SupportPipeline

/// Connects the Kafka consumer to the dispatcher: records and assignment changes flow in,
/// offset stores and pause/resume flow back.
public struct KafkaDispatchBridge: KafkaConsumerHandler {
    let dispatcher: Dispatcher
    let revokeTimeout: Duration

    public init(dispatcher: Dispatcher, revokeTimeout: Duration) {
        self.dispatcher = dispatcher
        self.revokeTimeout = revokeTimeout
    }

    public func received(_ record: ConsumerRecord) {
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
