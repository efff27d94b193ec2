import CRdKafka

/// The object librdkafka's opaque pointer refers to (`rd_kafka_conf_set_opaque`): it forwards
/// each C callback to the client's ``RdKafkaCallbacks``.
///
/// ``RdKafkaClient`` keeps the box alive until `rd_kafka_destroy` has returned, so the
/// unretained pointer librdkafka holds never dangles.
final class RdKafkaCallbackBox: Sendable {
    let target: any RdKafkaCallbacks

    init(target: any RdKafkaCallbacks) {
        self.target = target
    }

    /// Which callbacks a client needs.
    enum Role {
        case producer
        case consumer
        /// Only logging and errors (the mock cluster's own handle).
        case plain
    }

    /// Installs the opaque pointer and the callbacks of `role` on `configuration`.
    func install(on configuration: OpaquePointer, role: Role) {
        rd_kafka_conf_set_opaque(configuration, Unmanaged.passUnretained(self).toOpaque())
        rd_kafka_conf_set_log_cb(configuration, logCallback)
        rd_kafka_conf_set_error_cb(configuration, errorCallback)
        switch role {
        case .producer:
            rd_kafka_conf_set_dr_msg_cb(configuration, deliveryCallback)
        case .consumer:
            rd_kafka_conf_set_rebalance_cb(configuration, rebalanceCallback)
            rd_kafka_conf_set_offset_commit_cb(configuration, offsetCommitCallback)
        case .plain:
            break
        }
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> RdKafkaCallbackBox? {
        guard let opaque else { return nil }
        return Unmanaged<RdKafkaCallbackBox>.fromOpaque(opaque).takeUnretainedValue()
    }
}

// The C callbacks. Each finds its box through the opaque pointer and does nothing without one.

private func logCallback(
    _ handle: OpaquePointer?, _ level: Int32, _ facility: UnsafePointer<CChar>?, _ text: UnsafePointer<CChar>?
) {
    guard let handle, let box = RdKafkaCallbackBox.from(rd_kafka_opaque(handle)) else { return }
    box.target.log(
        level: level, facility: facility.map { String(cString: $0) } ?? "",
        message: text.map { String(cString: $0) } ?? "", client: String(cString: rd_kafka_name(handle)))
}

private func errorCallback(
    _ handle: OpaquePointer?, _ code: Int32, _ reason: UnsafePointer<CChar>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let handle, let box = RdKafkaCallbackBox.from(opaque) else { return }
    box.target.errorReported(
        handle: handle, code: LibrdkafkaErrorCode(rawValue: code), reason: reason.map { String(cString: $0) } ?? "")
}

private func deliveryCallback(
    _ handle: OpaquePointer?, _ message: UnsafePointer<rd_kafka_message_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let handle, let message, let box = RdKafkaCallbackBox.from(opaque) else { return }
    box.target.messageDelivered(handle: handle, message: message)
}

private func rebalanceCallback(
    _ handle: OpaquePointer?, _ code: rd_kafka_resp_err_t,
    _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let handle, let partitions, let box = RdKafkaCallbackBox.from(opaque) else { return }
    box.target.rebalance(handle: handle, code: LibrdkafkaErrorCode(code), partitions: partitions)
}

private func offsetCommitCallback(
    _ handle: OpaquePointer?, _ code: rd_kafka_resp_err_t,
    _ offsets: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let box = RdKafkaCallbackBox.from(opaque) else { return }
    box.target.offsetsCommitted(code: LibrdkafkaErrorCode(code), offsets: offsets)
}
