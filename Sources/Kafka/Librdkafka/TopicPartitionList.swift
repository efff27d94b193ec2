import CRdKafka

/// Owns a librdkafka partition list (`rd_kafka_topic_partition_list_t`) for the length of one
/// call, and reads the lists librdkafka lends to callbacks.
final class TopicPartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(capacity: Int) {
        pointer = rd_kafka_topic_partition_list_new(Int32(clamping: capacity))
    }

    /// A list of `partitions` without offsets.
    convenience init(_ partitions: [TopicPartition]) {
        self.init(capacity: partitions.count)
        for partition in partitions { add(partition) }
    }

    /// A list of partitions with the offsets to commit or store.
    convenience init(offsets: [TopicPartition: Int64]) {
        self.init(capacity: offsets.count)
        for (partition, offset) in offsets.sorted(by: { ($0.key.topic, $0.key.partition) < ($1.key.topic, $1.key.partition) }) {
            add(partition, offset: offset)
        }
    }

    deinit {
        rd_kafka_topic_partition_list_destroy(pointer)
    }

    /// Adds a partition; `offset` is librdkafka's "invalid" (-1001) unless given.
    func add(_ partition: TopicPartition, offset: Int64? = nil) {
        let element = rd_kafka_topic_partition_list_add(pointer, partition.topic, partition.partition)
        if let offset { element?.pointee.offset = offset }
    }

    /// One entry of a list: a partition, its offset and its per-partition error.
    struct Entry: Equatable {
        var partition: TopicPartition
        var offset: Int64
        var error: LibrdkafkaErrorCode
    }

    /// The entries of a list owned here or lent by librdkafka.
    static func entries(of list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [Entry] {
        guard let elements = list.pointee.elems else { return [] }
        return (0..<Int(list.pointee.cnt)).map { index in
            let element = elements[index]
            return Entry(
                partition: TopicPartition(topic: String(cString: element.topic), partition: element.partition),
                offset: element.offset, error: LibrdkafkaErrorCode(element.err))
        }
    }

    /// The partitions of a list owned here or lent by librdkafka.
    static func partitions(of list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [TopicPartition] {
        entries(of: list).map(\.partition)
    }

    /// This list's entries.
    var entries: [Entry] { Self.entries(of: pointer) }
}
