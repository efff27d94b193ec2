import CRdKafka
import Dispatch
import Logging
import Synchronization

/// Publishes records to Kafka and reports each one's acknowledgement.
///
/// One librdkafka producer, always idempotent with `acks=all`: a record counts as sent only once
/// every in-sync replica has it, and librdkafka's retries never duplicate or reorder records
/// of a partition. A dedicated thread serves delivery reports; each ``send(_:)`` resumes when
/// its record's report arrives.
///
/// Call ``shutdown(flushTimeout:)`` before dropping the producer, so queued records get out.
public final class KafkaProducer: Sendable {
    private let client: RdKafkaClient
    private let tracker: DeliveryTracker
    private let pollThread: PollThread
    private let logger: Logger
    /// Serialises shutdowns, so a second call returns after the first has finished.
    private let shutdownQueue = DispatchQueue(label: "kafka.producer.shutdown")
    private let isShutDown = Mutex(false)

    /// Creates the producer and starts its poll thread. Throws for a rejected configuration,
    /// naming the property.
    public init(configuration: KafkaProducerConfiguration, logger: Logger = Logger(label: "kafka")) throws(KafkaError) {
        let rdConfiguration = RdKafkaConfiguration()
        try rdConfiguration.set(configuration.librdkafkaProperties())
        let tracker = DeliveryTracker(logger: logger)
        let client = try RdKafkaClient(
            kind: .producer, configuration: rdConfiguration, callbacks: tracker, role: .producer)
        self.client = client
        self.tracker = tracker
        self.logger = logger
        self.pollThread = PollThread(name: "kafka-producer-poll")
        pollThread.start { thread in
            // The loop holds a lease on the handle: destroy waits until it has ended.
            try? client.withHandle { handle throws(KafkaError) in
                while !thread.shouldStop {
                    rd_kafka_poll(handle, 100)
                }
                rd_kafka_poll(handle, 0)
            }
        }
    }

    deinit {
        // Without a shutdown: stop polling; the client is destroyed once the thread lets go.
        pollThread.requestStop()
    }

    /// Sends `record` and returns once the broker has acknowledged it (`acks=all`).
    ///
    /// A full local queue is waited out, not reported. Cancelling the calling task gives up only
    /// while the record is not yet queued; once queued, the send waits for its delivery report.
    /// Throws `deliveryFailed` when librdkafka gives up (after `deliveryTimeout`), `fatal`
    /// (``KafkaError/isFatal``) after a fatal idempotence error, `shutDown` after
    /// ``shutdown(flushTimeout:)``, and `invalidArgument`/`produceFailed` for a record
    /// librdkafka cannot take (unknown partition, too large).
    public func send(_ record: ProducerRecord) async throws(KafkaError) -> DeliveryReport {
        let pending = try await enqueueWaitingForSpace(EncodedProducerRecord(record))
        return try await pending.outcome.get()
    }

    /// Sends `records` in this order and returns each one's outcome, in the same order, once all
    /// are acknowledged or failed. Records of one partition are written in this order.
    ///
    /// For the outputs of one input that must all be durable before its offset is stored.
    public func send(_ records: [ProducerRecord]) async -> [Result<DeliveryReport, KafkaError>] {
        var queued: [Result<PendingDelivery, KafkaError>] = []
        queued.reserveCapacity(records.count)
        for record in records {
            do throws(KafkaError) {
                queued.append(.success(try await enqueueWaitingForSpace(EncodedProducerRecord(record))))
            } catch {
                queued.append(.failure(error))
            }
        }
        var outcomes: [Result<DeliveryReport, KafkaError>] = []
        outcomes.reserveCapacity(records.count)
        for entry in queued {
            switch entry {
            case .success(let pending): outcomes.append(await pending.outcome)
            case .failure(let error): outcomes.append(.failure(error))
            }
        }
        return outcomes
    }

    /// Queues a record, waiting while librdkafka's local queue is full.
    private func enqueueWaitingForSpace(_ record: EncodedProducerRecord) async throws(KafkaError) -> PendingDelivery {
        var backoff = Duration.milliseconds(1)
        while true {
            if let pending = try enqueue(record) { return pending }
            guard !Task.isCancelled else {
                throw KafkaError(.cancelled, "the send was cancelled while the local queue was full; nothing was sent")
            }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .milliseconds(50))
        }
    }

    /// Hands the record to librdkafka. Returns its pending delivery, or `nil` when the local
    /// queue is full.
    private func enqueue(_ record: EncodedProducerRecord) throws(KafkaError) -> PendingDelivery? {
        let pending = PendingDelivery()
        let admission = tracker.registry.withLock { $0.admit(pending) }
        guard case .produce(let id) = admission else {
            if case .reject(let error) = admission { throw error }
            return nil
        }
        let outcome: EncodedProducerRecord.Outcome
        do {
            outcome = try client.withHandle { handle throws(KafkaError) in record.produce(on: handle, id: id) }
        } catch {
            outcome = .init(code: .destroyed, isFatal: false)
        }
        let wakeCloser = tracker.registry.withLock { $0.produced(id: id, accepted: outcome == .queued) }
        if wakeCloser { tracker.producersDone.signal() }
        if outcome.isFatal || outcome.code == .fatal {
            throw (try? client.withHandle { handle throws(KafkaError) in tracker.fatalError(handle: handle) })
                ?? KafkaError(.fatal, "the producer hit a fatal error", librdkafkaCode: outcome.code, isFatal: true)
        }
        switch outcome.code {
        case .noError:
            return pending
        case .queueFull:
            return nil
        case .destroyed:
            throw KafkaError(.shutDown, "the producer is shut down")
        default:
            throw KafkaError(
                .produceFailed, "librdkafka refused a record for \(record.topic): \(outcome.code.explanation)",
                librdkafkaCode: outcome.code)
        }
    }

    /// Waits up to `timeout` until every queued record has been acknowledged or has failed.
    /// Throws `flushTimedOut` if records remain.
    public func flush(timeout: Duration) async throws(KafkaError) {
        let client = self.client
        let result: Result<Void, KafkaError> = await BlockingExecutor.run {
            do throws(KafkaError) {
                let code = try client.withHandle { handle throws(KafkaError) in
                    LibrdkafkaErrorCode(rd_kafka_flush(handle, timeout.librdkafkaTimeoutMilliseconds))
                }
                guard code == .noError else {
                    let remaining = (try? client.withHandle { handle throws(KafkaError) in rd_kafka_outq_len(handle) }) ?? 0
                    return .failure(
                        KafkaError(
                            .flushTimedOut, "\(remaining) record(s) still in flight after waiting \(timeout)",
                            librdkafkaCode: code))
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Stops taking records, waits up to `flushTimeout` for queued ones to be acknowledged,
    /// fails the rest (`deliveryFailed` with `_PURGE_QUEUE`/`_PURGE_INFLIGHT`, retriable), then
    /// destroys the librdkafka client. Idempotent: later calls return once the first is done.
    public func shutdown(flushTimeout: Duration = .seconds(30)) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            shutdownQueue.async { [self] in
                performShutdown(flushTimeout: flushTimeout)
                done.resume()
            }
        }
    }

    /// The blocking part of ``shutdown(flushTimeout:)``, on `shutdownQueue`.
    private func performShutdown(flushTimeout: Duration) {
        guard isShutDown.withLock({ flag in defer { flag = true }; return !flag }) else { return }
        // 1. No new records; wait for produce calls already under way.
        if !tracker.registry.withLock({ $0.close() }) { tracker.producersDone.wait() }
        // 2. Flush, then purge what is left so every waiter gets a report.
        try? client.withHandle { handle throws(KafkaError) in
            let flushed = LibrdkafkaErrorCode(rd_kafka_flush(handle, flushTimeout.librdkafkaTimeoutMilliseconds))
            if flushed != .noError {
                logger.warning(
                    "producer shutdown: records still in flight after the flush timeout are failed",
                    ["in_flight": .integer(rd_kafka_outq_len(handle))])
                rd_kafka_purge(handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
                rd_kafka_poll(handle, 100)
            }
        }
        // 3. Stop polling and destroy the client (waits for the poll thread's lease).
        pollThread.requestStop()
        client.destroy()
        // 4. Anything still waiting never got a report.
        let orphans = tracker.registry.withLock { $0.takeAll() }
        for pending in orphans {
            pending.complete(
                .failure(
                    KafkaError(
                        .deliveryFailed, "the producer shut down before the record was acknowledged",
                        librdkafkaCode: .purgedInFlight)))
        }
        logger.info("producer shut down", ["client": .string(client.name)])
    }

    /// The number of records sent but not yet acknowledged or failed.
    public var inFlightCount: Int { tracker.registry.withLock { $0.inFlight } }

    /// Raises a fatal error in librdkafka as a broker would (`rd_kafka_test_fatal_error`), to
    /// test fatal-error handling.
    func raiseFatalErrorForTesting(_ code: LibrdkafkaErrorCode, reason: String) throws(KafkaError) {
        let result = try client.withHandle { handle throws(KafkaError) in
            LibrdkafkaErrorCode(rd_kafka_test_fatal_error(handle, code.cValue, reason))
        }
        if result != .noError {
            throw KafkaError(.invalidArgument, "could not raise a test fatal error", librdkafkaCode: result)
        }
    }
}
