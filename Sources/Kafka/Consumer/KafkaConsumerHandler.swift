/// Receives what a ``KafkaConsumer`` reads and how its assignment changes.
///
/// `received`, `assigned` and `lost` run on the consumer's poll thread: return quickly, hand
/// work elsewhere. `revoking` is awaited: the poll thread blocks until it returns (bounded by
/// ``KafkaConsumerConfiguration/revokeTimeout``), so in-flight work can finish or be abandoned
/// and its offsets stored before they are committed and the partitions handed over.
public protocol KafkaConsumerHandler: Sendable {
    /// A record was read. Runs on the poll thread; must not block.
    func received(_ record: ConsumerRecord)

    /// These partitions were added to the assignment; their records follow.
    func assigned(_ partitions: [TopicPartition])

    /// These partitions are about to be revoked. Finish or abandon their in-flight work and store
    /// the offsets of what is done; when this returns (or the revoke timeout passes) the stored
    /// offsets are committed and the partitions given up. Storing offsets fails afterwards.
    func revoking(_ partitions: [TopicPartition]) async

    /// These partitions were lost (the session expired, or the member was fenced): another
    /// member may already own them, so nothing is committed. Abandon their in-flight work.
    func lost(_ partitions: [TopicPartition])
}
