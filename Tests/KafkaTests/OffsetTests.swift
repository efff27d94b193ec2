import Foundation
import Kafka
import Synchronization
import Testing
import TestSupport

@Suite("Offsets")
struct OffsetTests {
    @Test("only stored offsets are committed: a new member starts right after them, skipping nothing")
    func onlyStoredOffsetsAreCommitted() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 2)
        let producer = try TestCluster.producer(cluster)
        for partition: Int32 in 0...1 {
            let outcomes = await producer.send(
                (0..<10).map {
                    ProducerRecord(topic: "inbound", value: TestCluster.bytes("p\(partition)-\($0)"), partition: partition)
                })
            for outcome in outcomes { _ = try outcome.get() }
        }
        await producer.shutdown()

        // The first member reads everything but stores offsets only for offsets 0...4.
        let first = try TestCluster.consumer(cluster, group: "offsets", topics: ["inbound"])
        let storeErrors = ErrorLog()
        let firstHandler = RecordingHandler(onReceived: { record in
            guard record.offset < 5 else { return }
            do { try first.storeOffset(record.topicPartition, nextOffset: record.offset + 1) } catch { storeErrors.add(error) }
        })
        let firstRun = Task { try await first.run(handler: firstHandler) }
        #expect(await eventually { firstHandler.records.count >= 20 })
        first.triggerShutdown()
        try await firstRun.value
        #expect(storeErrors.errors.isEmpty)

        // A later member of the same group resumes at offset 5 of each partition.
        let second = try TestCluster.consumer(cluster, group: "offsets", topics: ["inbound"])
        let secondHandler = RecordingHandler()
        let secondRun = Task { try await second.run(handler: secondHandler) }
        #expect(await eventually { secondHandler.records.count >= 10 })
        second.triggerShutdown()
        try await secondRun.value

        let redelivered = Dictionary(grouping: secondHandler.records, by: \.partition)
        for partition: Int32 in 0...1 {
            #expect(redelivered[partition]?.map(\.offset) == Array(5..<10))
        }
        #expect(secondHandler.records.count == 10)
    }

    @Test("storing an offset for a partition that is not assigned is an error, not a crash")
    func storeForUnassignedPartition() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        let consumer = try TestCluster.consumer(cluster, group: "unassigned", topics: ["inbound"])
        #expect {
            try consumer.storeOffset(TopicPartition(topic: "inbound", partition: 0), nextOffset: 4)
        } throws: { error in
            (error as? KafkaError)?.code == .offsetStoreFailed
        }
        #expect {
            try consumer.storeOffset(TopicPartition(topic: "inbound", partition: 0), nextOffset: 0)
        } throws: { error in
            (error as? KafkaError)?.code == .invalidArgument
        }
    }

    @Test("after shutdown the consumer refuses work with shutDown, and run cannot start again")
    func afterShutdown() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 1)
        let consumer = try TestCluster.consumer(cluster, group: "closed", topics: ["inbound"])
        consumer.triggerShutdown()
        consumer.triggerShutdown()
        try await consumer.run(handler: RecordingHandler())
        await #expect {
            try await consumer.run(handler: RecordingHandler())
        } throws: { error in
            (error as? KafkaError)?.code == .shutDown
        }
        #expect {
            try consumer.subscribe(topics: ["inbound"])
        } throws: { error in
            (error as? KafkaError)?.code == .shutDown
        }
        await #expect {
            try await consumer.commit()
        } throws: { error in
            (error as? KafkaError)?.code == .shutDown
        }
    }
}

/// Collects errors thrown on the poll thread, for the test to check.
final class ErrorLog: Sendable {
    private let storage = Mutex<[Error]>([])
    func add(_ error: Error) { storage.withLock { $0.append(error) } }
    var errors: [Error] { storage.withLock { $0 } }
}
