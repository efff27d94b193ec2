import Kafka
import Logging
import SupportPipeline

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
            try consumer.storeOffset(TopicPartition(partition), nextOffset: nextOffset)
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
