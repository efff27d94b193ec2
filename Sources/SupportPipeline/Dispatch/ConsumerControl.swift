/// What the dispatcher needs from the consumer: store offsets and pause or resume fetching.
/// The Kafka adapter implements it over `KafkaConsumer`; tests use a recording fake.
public protocol ConsumerControl: Sendable {
    /// Stores `nextOffset` (the next offset to consume) for `partition`, to be committed.
    func storeOffset(_ partition: PartitionID, nextOffset: Int64)
    /// Stops fetching from `partitions`.
    func pause(_ partitions: [PartitionID])
    /// Restarts fetching from `partitions`.
    func resume(_ partitions: [PartitionID])
}

/// Processes one record to its end: published and persisted, dead-lettered, or abandoned.
public protocol RecordHandler: Sendable {
    /// Handles `record`. `isCurrent` turns false when the record's partition was taken away
    /// (revocation deadline or shutdown): retry loops stop and return.
    func handle(_ record: InboundRecord, isCurrent: @escaping @Sendable () -> Bool) async
}
