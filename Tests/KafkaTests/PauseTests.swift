import Foundation
import Kafka
import Testing
import TestSupport

@Suite("Pause and resume")
struct PauseTests {
    @Test("a paused partition delivers nothing while others flow, and everything after resume")
    func pauseStopsAndResumeRestarts() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 2)
        let consumer = try TestCluster.consumer(cluster, group: "pause", topics: ["inbound"])
        let handler = RecordingHandler()
        let run = Task { try await consumer.run(handler: handler) }
        #expect(await eventually { consumer.assignment.count == 2 })

        let paused = TopicPartition(topic: "inbound", partition: 0)
        try consumer.pause([paused])
        let producer = try TestCluster.producer(cluster)
        // Interleave both partitions, so records of the paused one are written before the
        // last records of the flowing one.
        var records: [ProducerRecord] = []
        for index in 0..<20 {
            for partition: Int32 in 0...1 {
                records.append(
                    ProducerRecord(topic: "inbound", value: TestCluster.bytes("p\(partition)-\(index)"), partition: partition))
            }
        }
        for outcome in await producer.send(records) { _ = try outcome.get() }

        #expect(await eventually { handler.records.filter { $0.partition == 1 }.count == 20 })
        #expect(handler.records.filter { $0.partition == 0 }.isEmpty)

        try consumer.resume([paused])
        #expect(await eventually { handler.records.filter { $0.partition == 0 }.count >= 20 })
        let resumed = handler.records.filter { $0.partition == 0 }
        #expect(resumed.map(\.offset) == Array(0..<20))
        #expect(resumed.map { TestCluster.text($0.value) } == (0..<20).map { "p0-\($0)" })

        await producer.shutdown()
        consumer.triggerShutdown()
        try await run.value
    }

    @Test("a consumer shut down while partitions are paused closes (no deadlock in the last revocation)",
          .timeLimit(.minutes(1)))
    func shutdownWhilePausedCloses() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 2)
        let consumer = try TestCluster.consumer(cluster, group: "pause-close", topics: ["inbound"])
        let run = Task { try await consumer.run(handler: RecordingHandler()) }
        #expect(await eventually { consumer.assignment.count == 2 })
        try consumer.pause(Array(consumer.assignment))
        consumer.triggerShutdown()
        try await run.value
    }
}
