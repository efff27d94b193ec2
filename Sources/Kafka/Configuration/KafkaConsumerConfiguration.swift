/// How a ``KafkaConsumer`` joins its group and reads.
///
/// Whatever is configured, the consumer uses the `cooperative-sticky` assignor, never stores
/// offsets on its own (`enable.auto.offset.store=false`: only ``KafkaConsumer/storeOffset(_:nextOffset:)``
/// does, after the outcome is durable) and commits the stored offsets periodically
/// (`enable.auto.commit=true`) and on revocation and shutdown.
public struct KafkaConsumerConfiguration: Sendable {
    /// Comma-separated `host:port` list of brokers to bootstrap from (`bootstrap.servers`).
    public var bootstrapServers: String
    /// The consumer group (`group.id`).
    public var groupID: String
    /// The client id brokers log (`client.id`). Default `support-worker`.
    public var clientID: String = "support-worker"
    /// How long the group waits for a silent member before reassigning its partitions
    /// (`session.timeout.ms`). Default 45 s (librdkafka's).
    public var sessionTimeout: Duration = .seconds(45)
    /// How often the member heartbeats (`heartbeat.interval.ms`); well below `sessionTimeout`.
    /// Default 3 s.
    public var heartbeatInterval: Duration = .seconds(3)
    /// The longest the poll thread may go without polling before the member leaves the group
    /// (`max.poll.interval.ms`). Default 300 s. Must exceed ``revokeTimeout``.
    public var maxPollInterval: Duration = .seconds(300)
    /// Where a partition without a committed offset starts (`auto.offset.reset`). Default
    /// ``AutoOffsetReset/earliest``: a new group reads everything, losing nothing.
    public var autoOffsetReset: AutoOffsetReset = .earliest
    /// How often stored offsets are committed (`auto.commit.interval.ms`). Default 5 s.
    public var autoCommitInterval: Duration = .seconds(5)
    /// How long a revocation waits for ``KafkaConsumerHandler/revoking(_:)`` before committing
    /// what is stored and giving the partitions up. Default 15 s.
    public var revokeTimeout: Duration = .seconds(15)
    /// Raw librdkafka properties for everything else (fetch sizes, TLS, SASL, static
    /// membership). Statistics stay off (`statistics.interval.ms=0`) unless set here.
    /// Properties that an option above or the consumer itself sets are refused with an error
    /// naming them.
    public var extraProperties: [String: String] = [:]

    /// Where a partition without a committed offset starts.
    public enum AutoOffsetReset: String, Sendable, CaseIterable {
        /// The oldest record still in the partition.
        case earliest
        /// Only records produced after the assignment.
        case latest
        /// Report an error instead of guessing.
        case error
    }

    /// A configuration with the documented defaults.
    public init(bootstrapServers: String, groupID: String) {
        self.bootstrapServers = bootstrapServers
        self.groupID = groupID
    }

    /// Properties that only the options above or the consumer may set, with what sets them.
    static let ownedProperties: [String: String] = [
        "bootstrap.servers": "set bootstrapServers", "metadata.broker.list": "set bootstrapServers",
        "group.id": "set groupID", "client.id": "set clientID", "session.timeout.ms": "set sessionTimeout",
        "heartbeat.interval.ms": "set heartbeatInterval", "max.poll.interval.ms": "set maxPollInterval",
        "auto.offset.reset": "set autoOffsetReset", "auto.commit.interval.ms": "set autoCommitInterval",
        "partition.assignment.strategy": "the consumer always uses cooperative-sticky",
        "enable.auto.offset.store": "offsets are stored only through storeOffset",
        "enable.auto.commit": "the consumer always commits stored offsets periodically",
    ]

    /// The librdkafka properties of this configuration, in the order they are set.
    /// `assignmentStrategy` is for tests of the eager protocol only.
    func librdkafkaProperties(
        assignmentStrategy: String = "cooperative-sticky"
    ) throws(KafkaError) -> [(key: String, value: String)] {
        try PropertyList.require(bootstrapServers, property: "bootstrap.servers", option: "bootstrapServers")
        try PropertyList.require(groupID, property: "group.id", option: "groupID")
        guard revokeTimeout > .zero, revokeTimeout < maxPollInterval else {
            throw KafkaError(
                .invalidConfiguration,
                "revokeTimeout (\(revokeTimeout)) must be positive and below maxPollInterval (\(maxPollInterval))",
                property: "revokeTimeout")
        }
        var list = PropertyList()
        list.set("bootstrap.servers", bootstrapServers)
        list.set("group.id", groupID)
        list.set("client.id", clientID)
        list.set("session.timeout.ms", milliseconds: sessionTimeout)
        list.set("heartbeat.interval.ms", milliseconds: heartbeatInterval)
        list.set("max.poll.interval.ms", milliseconds: maxPollInterval)
        list.set("auto.offset.reset", autoOffsetReset.rawValue)
        list.set("auto.commit.interval.ms", milliseconds: autoCommitInterval)
        list.set("statistics.interval.ms", "0")
        try list.addExtra(extraProperties, owned: Self.ownedProperties)
        list.set("partition.assignment.strategy", assignmentStrategy)
        list.set("enable.auto.offset.store", "false")
        list.set("enable.auto.commit", "true")
        return list.properties
    }
}
