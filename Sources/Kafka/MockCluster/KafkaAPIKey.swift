/// A Kafka protocol request type (`ApiKey`), to aim injected errors at one kind of request.
public struct KafkaAPIKey: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The protocol's numeric key.
    public var rawValue: Int16

    /// Wraps a protocol key.
    public init(rawValue: Int16) { self.rawValue = rawValue }

    /// The key's number.
    public var description: String { "ApiKey \(rawValue)" }

    /// Writing records (`Produce`).
    public static let produce = KafkaAPIKey(rawValue: 0)
    /// Reading records (`Fetch`).
    public static let fetch = KafkaAPIKey(rawValue: 1)
    /// Looking up offsets by time (`ListOffsets`).
    public static let listOffsets = KafkaAPIKey(rawValue: 2)
    /// Cluster and topic metadata (`Metadata`).
    public static let metadata = KafkaAPIKey(rawValue: 3)
    /// Committing group offsets (`OffsetCommit`).
    public static let offsetCommit = KafkaAPIKey(rawValue: 8)
    /// Reading committed group offsets (`OffsetFetch`).
    public static let offsetFetch = KafkaAPIKey(rawValue: 9)
    /// Finding the group or transaction coordinator (`FindCoordinator`).
    public static let findCoordinator = KafkaAPIKey(rawValue: 10)
    /// Joining a group (`JoinGroup`).
    public static let joinGroup = KafkaAPIKey(rawValue: 11)
    /// Group heartbeats (`Heartbeat`).
    public static let heartbeat = KafkaAPIKey(rawValue: 12)
    /// Leaving a group (`LeaveGroup`).
    public static let leaveGroup = KafkaAPIKey(rawValue: 13)
    /// Receiving the group assignment (`SyncGroup`).
    public static let syncGroup = KafkaAPIKey(rawValue: 14)
    /// Getting an idempotent producer id (`InitProducerId`).
    public static let initProducerID = KafkaAPIKey(rawValue: 22)
}
