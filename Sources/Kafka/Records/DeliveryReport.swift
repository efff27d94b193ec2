/// Where the broker stored a record it acknowledged (with `acks=all`).
public struct DeliveryReport: Hashable, Sendable {
    /// The topic the record was written to.
    public var topic: String
    /// The partition the record was written to.
    public var partition: Int32
    /// The offset the record got in that partition.
    public var offset: Int64

    /// A delivery report.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}
