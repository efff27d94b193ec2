import CRdKafka
import Dispatch
import Logging
import Synchronization

/// Receives a producer's librdkafka callbacks: delivery reports resume the matching
/// ``KafkaProducer/send(_:)``, a fatal error stops the producer.
final class DeliveryTracker: RdKafkaCallbacks {
    let logger: Logger
    let registry = Mutex(DeliveryRegistry<PendingDelivery>())
    /// Signalled when the last in-progress produce call returns to a closed registry.
    let producersDone = DispatchSemaphore(value: 0)

    init(logger: Logger) {
        self.logger = logger
    }

    func messageDelivered(handle: OpaquePointer, message: UnsafePointer<rd_kafka_message_t>) {
        let id = UInt64(UInt(bitPattern: message.pointee._private))
        let code = LibrdkafkaErrorCode(message.pointee.err)
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let outcome: Result<DeliveryReport, KafkaError>
        if code == .noError {
            outcome = .success(
                DeliveryReport(topic: topic, partition: message.pointee.partition, offset: message.pointee.offset))
        } else if code == .fatal || rd_kafka_fatal_error(handle, nil, 0) != RD_KAFKA_RESP_ERR_NO_ERROR {
            outcome = .failure(fatalError(handle: handle))
        } else {
            // A record that was in flight when it failed (typically _MSG_TIMED_OUT) may still
            // have been written: sending it again can duplicate it.
            let written =
                switch rd_kafka_message_status(message) {
                case RD_KAFKA_MSG_STATUS_NOT_PERSISTED: " (it was not written)"
                case RD_KAFKA_MSG_STATUS_PERSISTED: " (it was written, but not acknowledged as required)"
                default: " (it may have been written: sending it again can duplicate it)"
                }
            outcome = .failure(
                KafkaError(
                    .deliveryFailed,
                    "the broker did not acknowledge a record for \(topic)[\(message.pointee.partition)]: "
                        + code.explanation + written,
                    librdkafkaCode: code))
        }
        let pending = registry.withLock { $0.delivered(id: id) }
        pending?.complete(outcome)
    }

    func errorReported(handle: OpaquePointer, code: LibrdkafkaErrorCode, reason: String) {
        guard code == .fatal else {
            logger.warning("producer error", ["error": .string(code.name), "reason": .string(reason)])
            return
        }
        let error = fatalError(handle: handle)
        if registry.withLock({ $0.fail(with: error) }) {
            logger.critical("producer hit a fatal error and takes no more records", ["error": .string(error.message)])
        }
    }

    /// The producer's fatal error as librdkafka reports it (`rd_kafka_fatal_error`).
    func fatalError(handle: OpaquePointer) -> KafkaError {
        if let known = registry.withLock({ $0.fatalError }) { return known }
        var text = [CChar](repeating: 0, count: 512)
        let code = LibrdkafkaErrorCode(rd_kafka_fatal_error(handle, &text, text.count))
        let reason = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return KafkaError(
            .fatal, "the producer hit a fatal error and must be recreated: \(reason)",
            librdkafkaCode: code == .noError ? .fatal : code, isRetriable: false, isFatal: true)
    }
}
