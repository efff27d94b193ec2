import Kafka
import SupportPipeline

extension PartitionID {
    /// The pipeline's partition id of a Kafka topic partition.
    public init(_ p: TopicPartition) { self.init(topic: p.topic, partition: p.partition) }
}

extension TopicPartition {
    /// The Kafka topic partition of a pipeline partition id.
    public init(_ p: PartitionID) { self.init(topic: p.topic, partition: p.partition) }
}
