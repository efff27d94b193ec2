import Foundation
import Kafka
import Logging
import Synchronization

/// Reads topics from the beginning in a group of its own and keeps every record, for the demo,
/// the load generator and tests: what the worker published, observed as any consumer would.
public final class TopicObserver: Sendable {
    /// One observed record with the local time it arrived.
    public struct Observation: Sendable {
        public var record: ConsumerRecord
        public var receivedAt: ContinuousClock.Instant
    }

    private let consumer: KafkaConsumer
    private let state = Mutex<(records: [Observation], waiters: [UUID: CheckedContinuation<Void, Never>])>(([], [:]))
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let onRecord: (@Sendable (Observation) -> Void)?

    /// - Parameter onRecord: called for each record on the poll thread (keep it short).
    public init(
        brokers: String, topics: [String], logger: Logger = .disabled, consumerProperties: [String: String] = [:],
        onRecord: (@Sendable (Observation) -> Void)? = nil
    ) throws {
        var configuration = KafkaConsumerConfiguration(bootstrapServers: brokers, groupID: "observer-\(UUID().uuidString.lowercased())")
        configuration.autoOffsetReset = .earliest
        configuration.clientID = "support-observer"
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .seconds(2)
        configuration.extraProperties = consumerProperties
        consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        self.onRecord = onRecord
        try consumer.subscribe(topics: topics)
        let handler = Handler(observer: self)
        task.withLock { $0 = Task { try? await self.consumer.run(handler: handler) } }
    }

    /// Stops reading.
    public func stop() async {
        consumer.triggerShutdown()
        await task.withLock { $0 }?.value
    }

    /// Every record so far.
    public var observations: [Observation] { state.withLock { $0.records } }

    /// Waits until `condition` holds for the records so far, or `timeout` passes; returns
    /// whether it holds.
    @discardableResult
    public func wait(timeout: Duration, until condition: @Sendable ([Observation]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(observations) { return true }
            let id = UUID()
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                        self.state.withLock { $0.waiters[id] = c }
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(50))
                    self.state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
                }
                await group.waitForAll()
            }
        }
        return condition(observations)
    }

    fileprivate func add(_ record: ConsumerRecord) {
        let observation = Observation(record: record, receivedAt: .now)
        onRecord?(observation)
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.records.append(observation)
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        waiters.forEach { $0.resume() }
    }

    private struct Handler: KafkaConsumerHandler {
        let observer: TopicObserver
        func received(_ record: ConsumerRecord) { observer.add(record) }
        func assigned(_ partitions: [TopicPartition]) {}
        func revoking(_ partitions: [TopicPartition]) async {}
        func lost(_ partitions: [TopicPartition]) {}
    }
}
