import Foundation
import Kafka
import Testing
import TestSupport

@Suite("Interoperability with kcat", .enabled(if: Kcat.isInstalled, "kcat is not installed"))
struct InteroperabilityTests {
    @Test("records kcat produces are read by our consumer with keys, values and headers")
    func kcatToConsumer() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 2)
        let lines = (0..<20).map { "conversation-\($0 % 4)|我想退货 \($0)" }
        _ = try await Kcat.run(
            ["-b", cluster.bootstrapServers, "-P", "-t", "inbound", "-K", "|", "-H", "source=kcat"],
            input: lines.joined(separator: "\n") + "\n")

        let consumer = try TestCluster.consumer(cluster, group: "from-kcat", topics: ["inbound"])
        let handler = RecordingHandler()
        let run = Task { try await consumer.run(handler: handler) }
        #expect(await eventually { handler.records.count >= 20 })
        consumer.triggerShutdown()
        try await run.value

        let received = handler.records.map { "\(TestCluster.text($0.key ?? []))|\(TestCluster.text($0.value))" }
        #expect(received.sorted() == lines.sorted())
        #expect(handler.records.allSatisfy { $0.headers == [KafkaHeader(key: "source", string: "kcat")] })
        cluster.shutdown()
    }

    @Test("records our producer sends are read by kcat with keys, values, headers and offsets")
    func producerToKcat() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("replies", partitions: 1)
        let producer = try TestCluster.producer(cluster)
        let outcomes = await producer.send(
            (0..<10).map {
                ProducerRecord(
                    topic: "replies", key: TestCluster.bytes("c-\($0)"), value: TestCluster.bytes("reply \($0) 您好"),
                    headers: [KafkaHeader(key: "event_id", string: "e-\($0)")])
            })
        let reports = try outcomes.map { try $0.get() }
        await producer.shutdown()

        let output = try await Kcat.run([
            "-b", cluster.bootstrapServers, "-C", "-t", "replies", "-o", "beginning", "-e", "-q",
            "-f", "%o|%k|%s|%h\\n",
        ])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines == (0..<10).map { "\(reports[$0].offset)|c-\($0)|reply \($0) 您好|event_id=e-\($0)" })
        cluster.shutdown()
    }
}
