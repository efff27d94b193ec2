import CRdKafka

/// Owns a librdkafka configuration object (`rd_kafka_conf_t`) until ``RdKafkaClient`` hands it
/// to `rd_kafka_new`, which takes it over on success. Used by one thread while a client is built.
final class RdKafkaConfiguration {
    /// `rd_kafka_conf_t *`; `nil` once handed over.
    private var pointer: OpaquePointer?

    init() {
        pointer = rd_kafka_conf_new()
    }

    deinit {
        if let pointer { rd_kafka_conf_destroy(pointer) }
    }

    /// Sets one property; librdkafka's error string names the property and the problem.
    func set(_ key: String, _ value: String) throws(KafkaError) {
        guard let pointer else { preconditionFailure("configuration already handed to rd_kafka_new") }
        var errorText = [CChar](repeating: 0, count: 512)
        let result = rd_kafka_conf_set(pointer, key, value, &errorText, errorText.count)
        guard result == RD_KAFKA_CONF_OK else {
            let reason = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw KafkaError(
                .invalidConfiguration,
                reason.isEmpty ? "configuration property \"\(key)\" was rejected" : reason,
                property: key)
        }
    }

    /// Sets every property in order; the first rejected one throws.
    func set(_ properties: [(key: String, value: String)]) throws(KafkaError) {
        for (key, value) in properties { try set(key, value) }
    }

    /// Lends the configuration to `body` (to install callbacks); it stays owned here.
    func withPointer<T>(_ body: (OpaquePointer) throws(KafkaError) -> T) throws(KafkaError) -> T {
        guard let pointer else { preconditionFailure("configuration already handed to rd_kafka_new") }
        return try body(pointer)
    }

    /// Lends the configuration to `rd_kafka_new`; when `body` reports that it took ownership,
    /// this object no longer frees it.
    func handOver<T>(_ body: (OpaquePointer) -> (result: T, tookOwnership: Bool)) -> T {
        guard let pointer else { preconditionFailure("configuration already handed to rd_kafka_new") }
        let outcome = body(pointer)
        if outcome.tookOwnership { self.pointer = nil }
        return outcome.result
    }
}
