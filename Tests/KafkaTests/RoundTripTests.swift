import Foundation
import Kafka
import Testing
import TestSupport

@Suite("Producing and consuming")
struct RoundTripTests {
    @Test("a produced record comes back with its key, value and headers, at the reported offset")
    func roundTrip() async throws {
        let cluster = try MockCluster(brokers: 3, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 2, replicationFactor: 3)
        let producer = try TestCluster.producer(cluster)
        var reports: [String: DeliveryReport] = [:]
        for index in 0..<10 {
            let record = ProducerRecord(
                topic: "inbound", key: TestCluster.bytes("conversation-\(index % 3)"),
                value: TestCluster.bytes("message \(index)"),
                headers: [
                    KafkaHeader(key: "message_id", string: "m-\(index)"), KafkaHeader(key: "empty", value: []),
                    KafkaHeader(key: "absent", value: nil),
                ])
            reports["message \(index)"] = try await producer.send(record)
        }
        await producer.shutdown()

        let consumer = try TestCluster.consumer(cluster, group: "round-trip", topics: ["inbound"])
        let handler = RecordingHandler()
        let run = Task { try await consumer.run(handler: handler) }
        #expect(await eventually { handler.records.count >= 10 })
        consumer.triggerShutdown()
        try await run.value

        let records = handler.records
        #expect(records.count == 10)
        for record in records {
            let value = TestCluster.text(record.value)
            let report = try #require(reports[value])
            #expect(record.topic == "inbound")
            #expect(record.partition == report.partition)
            #expect(record.offset == report.offset)
            let index = Int(value.split(separator: " ")[1])!
            #expect(record.key == TestCluster.bytes("conversation-\(index % 3)"))
            #expect(
                record.headers == [
                    KafkaHeader(key: "message_id", string: "m-\(index)"), KafkaHeader(key: "empty", value: []),
                    KafkaHeader(key: "absent", value: nil),
                ])
            #expect(record.timestamp != nil)
        }
        // One key, one partition: the three conversations each stay on one partition.
        let partitionsPerKey = Dictionary(grouping: records, by: { $0.key! }).mapValues { Set($0.map(\.partition)) }
        #expect(partitionsPerKey.values.allSatisfy { $0.count == 1 })
    }
}
