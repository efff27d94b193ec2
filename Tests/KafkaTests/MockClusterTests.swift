import Foundation
import Kafka
import Testing

@Suite("Mock cluster")
struct MockClusterTests {
    @Test("it lists one bootstrap address per broker")
    func bootstrapServers() throws {
        let cluster = try MockCluster(brokers: 3, logger: TestCluster.logger)
        let addresses = cluster.bootstrapServers.split(separator: ",")
        #expect(addresses.count == 3)
        #expect(addresses.allSatisfy { $0.contains(":") })
        cluster.shutdown()
    }

    @Test("bad arguments are refused with errors naming them")
    func badArguments() throws {
        let cluster = try MockCluster(brokers: 2, logger: TestCluster.logger)
        #expect(throws: KafkaError.self) { try MockCluster(brokers: 0) }
        let unknownBroker = #expect(throws: KafkaError.self) { try cluster.setBrokerDown(7) }
        #expect(unknownBroker?.code == .invalidArgument)
        #expect(unknownBroker?.message.contains("broker 7") == true)
        let replication = #expect(throws: KafkaError.self) {
            try cluster.createTopic("t", partitions: 1, replicationFactor: 3)
        }
        #expect(replication?.code == .invalidArgument)
        #expect(throws: KafkaError.self) { try cluster.createTopic("t", partitions: 0) }
        #expect(throws: KafkaError.self) { try cluster.setBrokerRoundTripTime(1, milliseconds: -1) }
        try cluster.createTopic("t", partitions: 1)
        let duplicate = #expect(throws: KafkaError.self) { try cluster.createTopic("t", partitions: 1) }
        #expect(duplicate?.code == .mockClusterFailed)
        #expect(duplicate?.librdkafkaCode?.name == "TOPIC_ALREADY_EXISTS")
        let noPartition = #expect(throws: KafkaError.self) {
            try cluster.setPartitionLeader(topic: "t", partition: 5, broker: 1)
        }
        #expect(noPartition?.librdkafkaCode == .unknownTopicOrPartition)
        cluster.shutdown()
    }

    @Test("after shutdown every operation fails with shutDown, and shutdown is idempotent")
    func afterShutdown() throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        cluster.shutdown()
        cluster.shutdown()
        let error = #expect(throws: KafkaError.self) { try cluster.createTopic("t", partitions: 1) }
        #expect(error?.code == .shutDown)
        #expect(throws: KafkaError.self) { try cluster.pushRequestErrors(apiKey: .produce, errors: [.transport]) }
    }

    @Test("records still arrive over slow brokers and after a leader move")
    func roundTripTimeAndLeaderMove() async throws {
        let cluster = try MockCluster(brokers: 2, logger: TestCluster.logger)
        try cluster.createTopic("t", partitions: 1, replicationFactor: 2)
        try cluster.setPartitionLeader(topic: "t", partition: 0, broker: 1)
        try cluster.setBrokerRoundTripTime(1, milliseconds: 50)
        try cluster.setBrokerRoundTripTime(2, milliseconds: 50)
        let producer = try TestCluster.producer(cluster)
        let first = try await producer.send(ProducerRecord(topic: "t", value: [1]))
        try cluster.setPartitionLeader(topic: "t", partition: 0, broker: 2)
        let second = try await producer.send(ProducerRecord(topic: "t", value: [2]))
        #expect(first.offset == 0)
        #expect(second.offset == 1)
        await producer.shutdown()
        cluster.shutdown()
    }
}
