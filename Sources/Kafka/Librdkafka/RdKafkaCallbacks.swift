import CRdKafka
import Logging

/// What librdkafka's C callbacks of one client call into. librdkafka invokes `log` from its own
/// threads and the others from whichever thread polls; implementations must be thread-safe.
protocol RdKafkaCallbacks: AnyObject, Sendable {
    /// The logger librdkafka's log lines go to (label `kafka`).
    var logger: Logger { get }

    /// An error event (`error_cb`); librdkafka recovers from all but `_FATAL` on its own.
    func errorReported(handle: OpaquePointer, code: LibrdkafkaErrorCode, reason: String)

    /// A delivery report (`dr_msg_cb`), producers only. `message` is valid during the call.
    func messageDelivered(handle: OpaquePointer, message: UnsafePointer<rd_kafka_message_t>)

    /// A rebalance (`rebalance_cb`), consumers only: must assign or unassign before returning.
    func rebalance(
        handle: OpaquePointer, code: LibrdkafkaErrorCode,
        partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>)

    /// The result of an offset commit, automatic or explicit (`offset_commit_cb`), consumers only.
    func offsetsCommitted(code: LibrdkafkaErrorCode, offsets: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?)
}

extension RdKafkaCallbacks {
    func errorReported(handle: OpaquePointer, code: LibrdkafkaErrorCode, reason: String) {
        logger.warning("librdkafka reported an error", ["error": .string(code.name), "reason": .string(reason)])
    }

    func messageDelivered(handle: OpaquePointer, message: UnsafePointer<rd_kafka_message_t>) {}

    func rebalance(
        handle: OpaquePointer, code: LibrdkafkaErrorCode,
        partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) {}

    func offsetsCommitted(code: LibrdkafkaErrorCode, offsets: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {}

    /// Writes one librdkafka log line; `level` is syslog's (0 emergency … 7 debug).
    func log(level: Int32, facility: String, message: String, client: String) {
        let mapped: LogLevel =
            switch level {
            case ...2: .critical
            case 3: .error
            case 4: .warning
            case 5: .notice
            case 6: .info
            default: .debug
            }
        logger.log(mapped, message, ["facility": .string(facility), "client": .string(client)])
    }
}
