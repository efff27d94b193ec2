/// A record to publish with ``KafkaProducer/send(_:)``.
public struct ProducerRecord: Sendable {
    /// The topic to publish to.
    public var topic: String
    /// The key; records with the same key go to the same partition (unless `partition` is set).
    public var key: [UInt8]?
    /// The payload.
    public var value: [UInt8]
    /// Headers, sent in this order.
    public var headers: [KafkaHeader]
    /// An explicit partition; `nil` lets the configured partitioner choose from the key.
    public var partition: Int32?

    /// A record for `topic`.
    public init(
        topic: String, key: [UInt8]? = nil, value: [UInt8], headers: [KafkaHeader] = [], partition: Int32? = nil
    ) {
        self.topic = topic
        self.key = key
        self.value = value
        self.headers = headers
        self.partition = partition
    }
}
