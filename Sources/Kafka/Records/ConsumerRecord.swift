import Foundation

/// A record read from Kafka, copied out of librdkafka's message (which is freed at once).
public struct ConsumerRecord: Sendable {
    /// The topic it was read from.
    public var topic: String
    /// The partition it was read from.
    public var partition: Int32
    /// Its offset in that partition.
    public var offset: Int64
    /// The key, if the producer set one.
    public var key: [UInt8]?
    /// The payload; empty for a record without a value.
    public var value: [UInt8]
    /// Headers in the order the producer wrote them.
    public var headers: [KafkaHeader]
    /// The record timestamp (create or log-append time), if the broker reported one.
    public var timestamp: Date?

    /// A consumer record; the consumer makes these, tests may too.
    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8],
        headers: [KafkaHeader] = [], timestamp: Date? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// The record's topic and partition.
    public var topicPartition: TopicPartition { TopicPartition(topic: topic, partition: partition) }
}
