import Foundation
import Kafka
import Testing
import TestSupport

@Suite("Lost partitions")
struct LostPartitionsTests {
    @Test("when the coordinator stays away past the session timeout, partitions are lost, not revoked")
    func coordinatorAwayLosesPartitions() async throws {
        let cluster = try MockCluster(brokers: 2, logger: TestCluster.logger)
        try cluster.createTopic("inbound", partitions: 2)
        for partition: Int32 in 0..<2 {
            try cluster.setPartitionLeader(topic: "inbound", partition: partition, broker: 2)
        }
        try cluster.setCoordinator(group: "lost", broker: 1)
        let consumer = try TestCluster.consumer(cluster, group: "lost", topics: ["inbound"])
        let handler = RecordingHandler()
        let run = Task { try await consumer.run(handler: handler) }
        #expect(await eventually { consumer.assignment.count == 2 })

        try cluster.setBrokerDown(1)
        #expect(await eventually { !handler.snapshot.lost.isEmpty })
        #expect(consumer.assignment.isEmpty)
        #expect(Set(handler.snapshot.lost.flatMap { $0 }).count == 2)
        #expect(handler.snapshot.revoked.isEmpty)
        #expect {
            try consumer.storeOffset(TopicPartition(topic: "inbound", partition: 0), nextOffset: 1)
        } throws: { error in
            (error as? KafkaError)?.code == .offsetStoreFailed
        }

        try cluster.setBrokerUp(1)
        #expect(await eventually { consumer.assignment.count == 2 })
        consumer.triggerShutdown()
        try await run.value
        cluster.shutdown()
    }
}
