/// An error from the Kafka layer: what failed (a stable ``Code``), librdkafka's code when it
/// came from there, and whether retrying or restarting helps.
///
/// `description` names the failure and librdkafka's error name; `debugDescription` adds the
/// full message. Messages name properties, topics and partitions, never record contents.
public struct KafkaError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of operation failed. Stable: log it, alert on it, switch over it.
    public enum Code: String, Sendable, CaseIterable {
        /// A configuration property or value was rejected; the message names the property.
        case invalidConfiguration = "invalid_configuration"
        /// librdkafka could not create the client.
        case clientCreationFailed = "client_creation_failed"
        /// librdkafka refused to queue a record (unknown partition, record too large, …).
        case produceFailed = "produce_failed"
        /// The broker did not acknowledge a record (timed out, rejected, purged at shutdown).
        case deliveryFailed = "delivery_failed"
        /// A flush did not finish within its timeout.
        case flushTimedOut = "flush_timed_out"
        /// Subscribing to topics failed.
        case subscriptionFailed = "subscription_failed"
        /// An offset could not be stored (e.g. the partition is no longer assigned).
        case offsetStoreFailed = "offset_store_failed"
        /// Committing offsets failed.
        case commitFailed = "commit_failed"
        /// Pausing or resuming partitions failed.
        case pauseResumeFailed = "pause_resume_failed"
        /// The consumer reported an error while polling.
        case consumeFailed = "consume_failed"
        /// The client hit a fatal error and must be recreated (see ``KafkaError/isFatal``).
        case fatal = "fatal"
        /// The client is shut down (or shutting down) and takes no more work.
        case shutDown = "shut_down"
        /// ``KafkaConsumer/run(handler:)`` was called a second time.
        case alreadyRunning = "already_running"
        /// The waiting task was cancelled before the record was queued.
        case cancelled = "cancelled"
        /// A request was invalid before it reached librdkafka (empty topic name, …).
        case invalidArgument = "invalid_argument"
        /// A mock cluster operation failed.
        case mockClusterFailed = "mock_cluster_failed"
    }

    /// What failed.
    public var code: Code
    /// What failed and what to do, for operators.
    public var message: String
    /// librdkafka's error code, when librdkafka reported the error.
    public var librdkafkaCode: LibrdkafkaErrorCode?
    /// The configuration property at fault, for ``Code/invalidConfiguration``.
    public var property: String?
    /// Whether trying the same operation again may succeed.
    public var isRetriable: Bool
    /// Whether the client instance is unusable and must be shut down and recreated
    /// (librdkafka's fatal errors, e.g. an idempotent producer that lost its sequence).
    public var isFatal: Bool

    /// An error; `isRetriable` defaults to what librdkafka's code implies.
    public init(
        _ code: Code, _ message: String, librdkafkaCode: LibrdkafkaErrorCode? = nil, property: String? = nil,
        isRetriable: Bool? = nil, isFatal: Bool = false
    ) {
        self.code = code
        self.message = message
        self.librdkafkaCode = librdkafkaCode
        self.property = property
        self.isRetriable = isRetriable ?? (librdkafkaCode?.isRetriable ?? false)
        self.isFatal = isFatal
    }

    /// `kafka <code>`, the property at fault and librdkafka's error name, without the detailed
    /// message (which may quote configuration values).
    public var description: String {
        var text = "kafka \(code.rawValue)"
        if let property { text += " (property \(property))" }
        if let librdkafkaCode { text += " (\(librdkafkaCode.name))" }
        return text
    }

    /// Everything known about the error.
    public var debugDescription: String {
        var text = "kafka \(code.rawValue): \(message)"
        if let librdkafkaCode { text += " [librdkafka \(librdkafkaCode)]" }
        if isFatal { text += " [fatal]" } else if isRetriable { text += " [retriable]" }
        return text
    }
}
