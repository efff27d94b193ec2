import Foundation
import Logging
import Synchronization
import Testing
import TestSupport

@testable import Kafka

@Suite("Rebalancing")
struct RebalanceTests {
    @Test("two members split the partitions; revoking is awaited and the offsets it stores are committed")
    func revokingIsAwaitedAndItsOffsetsCommitted() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 4)
        let producer = try TestCluster.producer(cluster)
        var records: [ProducerRecord] = []
        for partition: Int32 in 0..<4 {
            for index in 0..<8 {
                records.append(
                    ProducerRecord(topic: "inbound", value: TestCluster.bytes("p\(partition)-\(index)"), partition: partition))
            }
        }
        for outcome in await producer.send(records) { _ = try outcome.get() }
        await producer.shutdown()

        // The first member stores offsets only inside `revoking`, after a pause: if revoking
        // were not awaited, the store would fail and nothing would be committed.
        let commitLog = MemoryLogSink()
        let first = try KafkaConsumer(
            configuration: TestCluster.consumerConfiguration(cluster, group: "split"),
            logger: Logger(label: "kafka", level: .info, sink: commitLog))
        try first.subscribe(topics: ["inbound"])
        let storeErrors = ErrorLog()
        let firstHandler = LateStoringHandler(consumer: first, errors: storeErrors)
        let firstRun = Task { try await first.run(handler: firstHandler.recording) }
        #expect(await eventually { firstHandler.recording.records.count == 32 })
        #expect(first.assignment.count == 4)

        let second = try TestCluster.consumer(cluster, group: "split", topics: ["inbound"])
        let secondHandler = RecordingHandler()
        let secondRun = Task { try await second.run(handler: secondHandler) }
        #expect(await eventually { second.assignment.count == 2 && first.assignment.count == 2 })

        let log = firstHandler.recording.snapshot
        let revoked = Set(log.revoked.flatMap { $0 })
        #expect(revoked.count == 2)
        #expect(Set(log.revokingFinished.flatMap { $0 }) == revoked)
        #expect(revoked == second.assignment)
        #expect(storeErrors.errors.isEmpty)

        // The revocation committed exactly what `revoking` stored.
        let commits = commitLog.records.filter { $0.metadata["reason"] == "revocation" }
        let expected = LogValue.object(Dictionary(uniqueKeysWithValues: revoked.map { ($0.description, .int(8)) }))
        let attempt = try #require(commits.first)
        #expect(attempt.metadata["offsets"] == expected)
        let observer = try TestCluster.observer(cluster, group: "split")
        let committed = try await observer.committedOffsets(for: Array(revoked))
        if attempt.message == "offsets committed" {
            // A third client of the group sees them, and the new owner starts after them.
            #expect(committed == Dictionary(uniqueKeysWithValues: revoked.map { ($0, 8) }))
            try await Task.sleep(for: .milliseconds(500))
            #expect(secondHandler.records.isEmpty)
        } else {
            // The mock refused the commit because another join began meanwhile (it happens on a
            // busy machine): then the new owner must get every record again, none skipped.
            #expect(["REBALANCE_IN_PROGRESS", "ILLEGAL_GENERATION"].contains(attempt.metadata["error"]))
            for partition in revoked {
                let start = committed[partition] ?? 0
                #expect(
                    await eventually {
                        secondHandler.records.filter { $0.topicPartition == partition }.map(\.offset) == Array(start..<8)
                    })
            }
        }

        first.triggerShutdown()
        second.triggerShutdown()
        try await firstRun.value
        try await secondRun.value
        cluster.shutdown()
    }

    @Test("with the eager protocol a member revokes everything and awaits revoking; nothing is skipped")
    func eagerRevocation() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 4)
        let producer = try TestCluster.producer(cluster)
        let records = (0..<4).flatMap { partition in
            (0..<8).map { ProducerRecord(topic: "inbound", value: [UInt8($0)], partition: Int32(partition)) }
        }
        for outcome in await producer.send(records) { _ = try outcome.get() }
        await producer.shutdown()

        let configuration = TestCluster.consumerConfiguration(cluster, group: "eager")
        let first = try KafkaConsumer(configuration: configuration, logger: TestCluster.logger, assignmentStrategy: "range")
        try first.subscribe(topics: ["inbound"])
        let storeErrors = ErrorLog()
        let firstHandler = LateStoringHandler(consumer: first, errors: storeErrors)
        let firstRun = Task { try await first.run(handler: firstHandler.recording) }
        #expect(await eventually { firstHandler.recording.records.count == 32 })

        let second = try KafkaConsumer(configuration: configuration, logger: TestCluster.logger, assignmentStrategy: "range")
        try second.subscribe(topics: ["inbound"])
        let secondHandler = RecordingHandler()
        let secondRun = Task { try await second.run(handler: secondHandler) }
        #expect(await eventually { second.assignment.count == 2 && first.assignment.count == 2 })

        // Eager: everything is revoked before the rejoin, and `revoking` could store offsets,
        // so it ran while the partitions were still assigned.
        let log = firstHandler.recording.snapshot
        #expect(Set(log.revoked.flatMap { $0 }).count == 4)
        #expect(log.revokingFinished.count == log.revoked.count)
        #expect(storeErrors.errors.isEmpty)
        // The mock refuses commits while the group joins (a real broker takes them from the
        // current generation), so the new owner either starts after the committed offset or
        // gets every record again: redelivery, never a gap.
        let observer = try TestCluster.observer(cluster, group: "eager")
        let moved = Array(second.assignment)
        let committed = try await observer.committedOffsets(for: moved)
        for partition in moved {
            let start = committed[partition] ?? 0
            #expect(
                await eventually {
                    secondHandler.records.filter { $0.topicPartition == partition }.map(\.offset) == Array(start..<8)
                }, "\(partition) from \(start)")
        }

        first.triggerShutdown()
        second.triggerShutdown()
        try await firstRun.value
        try await secondRun.value
        cluster.shutdown()
    }
}

@Suite("Shutdown")
struct ShutdownTests {
    @Test("a revoking handler that never finishes holds shutdown only for the revoke timeout")
    func revokeTimeoutBoundsShutdown() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 1)
        var configuration = TestCluster.consumerConfiguration(cluster, group: "stuck")
        configuration.revokeTimeout = .seconds(1)
        let consumer = try KafkaConsumer(configuration: configuration, logger: TestCluster.logger)
        try consumer.subscribe(topics: ["inbound"])
        let handler = RecordingHandler(onRevoking: { _ in
            try? await Task.sleep(for: .seconds(3600))
        })
        let run = Task { try await consumer.run(handler: handler) }
        #expect(await eventually { consumer.assignment.count == 1 })
        consumer.triggerShutdown()
        try await run.value
        #expect(handler.snapshot.revoked.count == 1)
        #expect(handler.snapshot.revokingFinished.isEmpty)
        cluster.shutdown()
    }

    @Test("cancelling the task that runs the consumer shuts it down")
    func cancellationShutsDown() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 1)
        let consumer = try TestCluster.consumer(cluster, group: "cancel", topics: ["inbound"])
        let handler = RecordingHandler()
        let run = Task { try await consumer.run(handler: handler) }
        #expect(await eventually { consumer.assignment.count == 1 })
        run.cancel()
        try await run.value
        #expect(handler.snapshot.revokingFinished.count == 1)
        await #expect(throws: KafkaError.self) { try await consumer.run(handler: handler) }
        cluster.shutdown()
    }

    @Test("run refuses a second call while the consumer runs")
    func runTwice() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 1)
        let consumer = try TestCluster.consumer(cluster, group: "twice", topics: ["inbound"])
        let run = Task { try await consumer.run(handler: RecordingHandler()) }
        #expect(await eventually { consumer.assignment.count == 1 })
        let error = await #expect(throws: KafkaError.self) { try await consumer.run(handler: RecordingHandler()) }
        #expect(error?.code == .alreadyRunning)
        consumer.triggerShutdown()
        try await run.value
        cluster.shutdown()
    }
}

/// Stores, inside `revoking` and after a pause, the offset of the last record received from
/// each revoked partition.
final class LateStoringHandler: Sendable {
    let recording: RecordingHandler

    init(consumer: KafkaConsumer, errors: ErrorLog) {
        let lastOffsets = Mutex<[TopicPartition: Int64]>([:])
        recording = RecordingHandler(
            onReceived: { record in
                lastOffsets.withLock { $0[record.topicPartition] = max($0[record.topicPartition] ?? -1, record.offset) }
            },
            onRevoking: { partitions in
                try? await Task.sleep(for: .milliseconds(300))
                for partition in partitions {
                    guard let offset = lastOffsets.withLock({ $0[partition] }) else { continue }
                    do { try consumer.storeOffset(partition, nextOffset: offset + 1) } catch { errors.add(error) }
                }
            })
    }
}
