/// A topic partition, as the pipeline sees it (independent of the Kafka client types).
public struct PartitionID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public static func < (lhs: PartitionID, rhs: PartitionID) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// One record read from a topic: coordinates, key and payload.
public struct InboundRecord: Sendable, Hashable {
    public var partitionID: PartitionID
    public var offset: Int64
    public var key: [UInt8]?
    public var value: [UInt8]

    public init(topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]) {
        self.partitionID = PartitionID(topic: topic, partition: partition)
        self.offset = offset
        self.key = key
        self.value = value
    }

    /// The ordering key: records with the same key are processed one at a time, in offset
    /// order. The gateway keys by conversation id; a record without a key is ordered with its
    /// whole partition (the safe choice).
    public var orderingKey: OrderingKey {
        if let key, !key.isEmpty { return .key(key) }
        return .partition(partitionID)
    }
}

/// What serializes processing: a conversation key, or a whole partition for unkeyed records.
public enum OrderingKey: Sendable, Hashable {
    case key([UInt8])
    case partition(PartitionID)
}
