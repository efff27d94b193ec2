import CRdKafka
import Dispatch
import Synchronization

/// Owns one librdkafka client (`rd_kafka_t`) and the callbacks it calls.
///
/// The handle is lent only through ``withHandle(_:)``, which holds a lease; ``destroy()`` refuses
/// new leases, waits for the outstanding ones and then calls `rd_kafka_destroy`, so no thread
/// ever uses a destroyed handle.
///
/// `@unchecked Sendable`: the stored pointer never changes; librdkafka's client API is
/// thread-safe for every call made through it; the ``HandleGate`` behind a `Mutex` orders each
/// use before destruction.
final class RdKafkaClient: @unchecked Sendable {
    /// `rd_kafka_t *`.
    private let handle: OpaquePointer
    /// Kept alive until `rd_kafka_destroy` returns: librdkafka holds an unretained pointer to it.
    private let callbacks: RdKafkaCallbackBox
    private let gate = Mutex(HandleGate())
    /// Signalled when the last lease is returned to a draining gate.
    private let drained = DispatchSemaphore(value: 0)
    /// librdkafka's name for this client (`rdkafka#producer-1`), used in logs.
    let name: String

    enum Kind {
        case producer
        case consumer
    }

    /// Creates the client from `configuration`, which librdkafka takes over on success.
    init(
        kind: Kind, configuration: RdKafkaConfiguration, callbacks: any RdKafkaCallbacks,
        role: RdKafkaCallbackBox.Role
    ) throws(KafkaError) {
        let box = RdKafkaCallbackBox(target: callbacks)
        try configuration.withPointer { pointer throws(KafkaError) in box.install(on: pointer, role: role) }
        var errorText = [CChar](repeating: 0, count: 512)
        let created: OpaquePointer? = configuration.handOver { pointer in
            let handle = rd_kafka_new(kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER, pointer, &errorText, 512)
            return (handle, handle != nil)
        }
        guard let created else {
            let reason = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw KafkaError(.clientCreationFailed, "librdkafka could not create the client: \(reason)")
        }
        self.handle = created
        self.callbacks = box
        self.name = String(cString: rd_kafka_name(created))
    }

    deinit {
        guard gate.withLock({ $0.close() }) == .destroyNow else { return }
        // rd_kafka_destroy blocks (a consumer leaves its group); never on the caller's thread,
        // which may belong to the cooperative pool. The box rides along to outlive the handle.
        // `nonisolated(unsafe)`: no lease is out and nothing else refers to the handle any more,
        // so the closure is its only user.
        nonisolated(unsafe) let handle = self.handle
        let box = callbacks
        BlockingExecutor.queue.async {
            rd_kafka_destroy(handle)
            withExtendedLifetime(box) {}
        }
    }

    /// Runs `body` with the handle while holding a lease; throws `shutDown` once the client is
    /// being destroyed.
    func withHandle<T>(_ body: (OpaquePointer) throws(KafkaError) -> T) throws(KafkaError) -> T {
        guard gate.withLock({ $0.acquire() }) else {
            throw KafkaError(.shutDown, "the Kafka client \(name) is shut down")
        }
        defer {
            if gate.withLock({ $0.release() }) { drained.signal() }
        }
        return try body(handle)
    }

    /// Whether the client refuses new work because it is being destroyed.
    var isDestroyed: Bool { gate.withLock { $0.isClosing } }

    /// Refuses new leases, waits for the outstanding ones, then destroys the handle. Blocks:
    /// call it from a dedicated thread. A second call returns at once.
    func destroy() {
        switch gate.withLock({ $0.close() }) {
        case .destroyNow: break
        case .waitForLeases: drained.wait()
        case .alreadyClosing: return
        }
        rd_kafka_destroy(handle)
    }
}
