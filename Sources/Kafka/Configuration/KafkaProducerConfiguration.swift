/// How a ``KafkaProducer`` connects and batches. Every producer is idempotent with `acks=all`
/// whatever is configured here: a record is acknowledged only once all in-sync replicas have
/// it, and retries never duplicate or reorder records within a partition.
public struct KafkaProducerConfiguration: Sendable {
    /// Comma-separated `host:port` list of brokers to bootstrap from (`bootstrap.servers`).
    public var bootstrapServers: String
    /// The client id brokers log (`client.id`). Default `support-worker`.
    public var clientID: String = "support-worker"
    /// How long librdkafka keeps retrying a record before its send fails with
    /// `_MSG_TIMED_OUT` (`message.timeout.ms`). Default 300 s (librdkafka's).
    public var deliveryTimeout: Duration = .seconds(300)
    /// How long records wait to be batched before sending (`linger.ms`). Default 5 ms.
    public var linger: Duration = .milliseconds(5)
    /// How keys map to partitions (`partitioner`). Default ``Partitioner/murmur2Random``, the
    /// Java client's mapping, so every client of a topic puts a key on the same partition.
    public var partitioner: Partitioner = .murmur2Random
    /// Raw librdkafka properties for everything else (compression, queue sizes, TLS, SASL).
    /// Statistics stay off (`statistics.interval.ms=0`) unless set here. Properties that an
    /// option above or the producer itself sets are refused with an error naming them.
    public var extraProperties: [String: String] = [:]

    /// How keys map to partitions.
    public enum Partitioner: String, Sendable, CaseIterable {
        /// murmur2 hash of the key, random for records without a key: the Java client's default.
        case murmur2Random = "murmur2_random"
        /// CRC32 hash of the key, random without a key: librdkafka's default.
        case consistentRandom = "consistent_random"
    }

    /// A configuration with the documented defaults.
    public init(bootstrapServers: String) {
        self.bootstrapServers = bootstrapServers
    }

    /// Properties that only the options above or the producer may set, with what sets them.
    static let ownedProperties: [String: String] = [
        "bootstrap.servers": "set bootstrapServers", "metadata.broker.list": "set bootstrapServers",
        "client.id": "set clientID", "message.timeout.ms": "set deliveryTimeout",
        "delivery.timeout.ms": "set deliveryTimeout", "linger.ms": "set linger",
        "queue.buffering.max.ms": "set linger", "partitioner": "set partitioner",
        "enable.idempotence": "the producer is always idempotent",
        "acks": "the producer always uses acks=all", "request.required.acks": "the producer always uses acks=all",
    ]

    /// The librdkafka properties of this configuration, in the order they are set.
    func librdkafkaProperties() throws(KafkaError) -> [(key: String, value: String)] {
        try PropertyList.require(bootstrapServers, property: "bootstrap.servers", option: "bootstrapServers")
        var list = PropertyList()
        list.set("bootstrap.servers", bootstrapServers)
        list.set("client.id", clientID)
        list.set("message.timeout.ms", milliseconds: deliveryTimeout)
        list.set("linger.ms", milliseconds: linger)
        list.set("partitioner", partitioner.rawValue)
        list.set("statistics.interval.ms", "0")
        try list.addExtra(extraProperties, owned: Self.ownedProperties)
        list.set("enable.idempotence", "true")
        list.set("acks", "all")
        return list.properties
    }
}
