import Foundation
@testable import Kafka
import Testing
import TestSupport

@Suite("Producer resilience")
struct ProducerResilienceTests {
    /// Sends `count` records numbered from `start` to each partition, in order per partition.
    private func sendWave(_ producer: KafkaProducer, partitions: Int32, start: Int, count: Int) async
        -> [Result<DeliveryReport, KafkaError>]
    {
        var records: [ProducerRecord] = []
        for index in start..<(start + count) {
            for partition in 0..<partitions {
                records.append(
                    ProducerRecord(
                        topic: "replies", key: TestCluster.bytes("k\(partition)"),
                        value: TestCluster.bytes("\(partition):\(index)"), partition: partition))
            }
        }
        return await producer.send(records)
    }

    /// Reads the whole topic with a fresh group and returns the values per partition, in offset order.
    private func readAll(
        _ cluster: MockCluster, partitions: Int32, expected: Int
    ) async throws -> [Int32: [ConsumerRecord]] {
        let consumer = try TestCluster.consumer(cluster, group: "reader", topics: ["replies"])
        let handler = RecordingHandler()
        let run = Task { try await consumer.run(handler: handler) }
        #expect(await eventually { handler.records.count >= expected })
        // Give duplicates, if any, a chance to show up.
        try await Task.sleep(for: .milliseconds(300))
        consumer.triggerShutdown()
        try await run.value
        return Dictionary(grouping: handler.records, by: \.partition)
    }

    private func expectExactlyOnceInOrder(_ byPartition: [Int32: [ConsumerRecord]], partitions: Int32, count: Int) {
        for partition in 0..<partitions {
            let records = byPartition[partition] ?? []
            #expect(records.map(\.offset) == (0..<Int64(count)).map { $0 }, "offsets of partition \(partition)")
            #expect(
                records.map { TestCluster.text($0.value) } == (0..<count).map { "\(partition):\($0)" },
                "values of partition \(partition)")
        }
    }

    @Test("a broker down and back during production: every record delivered once, in order per partition")
    func brokerDownAndUp() async throws {
        let cluster = try MockCluster(brokers: 3, logger: TestCluster.logger)
        try cluster.createTopic("replies", partitions: 3, replicationFactor: 3)
        for partition: Int32 in 0..<3 {
            try cluster.setPartitionLeader(topic: "replies", partition: partition, broker: partition + 1)
        }
        let producer = try TestCluster.producer(cluster)
        let first = await sendWave(producer, partitions: 3, start: 0, count: 100)
        #expect(first.allSatisfy { (try? $0.get()) != nil })

        // The second wave goes out while broker 2 (leader of partition 1) drops every
        // connection, and comes back a second later.
        async let second = sendWave(producer, partitions: 3, start: 100, count: 100)
        try cluster.setBrokerDown(2)
        try await Task.sleep(for: .seconds(1))
        try cluster.setBrokerUp(2)
        let secondOutcomes = await second
        let third = await sendWave(producer, partitions: 3, start: 200, count: 100)
        for outcome in secondOutcomes + third {
            if case .failure(let error) = outcome { Issue.record("a send failed: \(error.debugDescription)") }
        }
        await producer.shutdown()

        let byPartition = try await readAll(cluster, partitions: 3, expected: 900)
        expectExactlyOnceInOrder(byPartition, partitions: 3, count: 300)
        cluster.shutdown()
    }

    @Test("retriable errors injected into Produce requests are retried without loss or duplicates")
    func injectedProduceErrors() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("replies", partitions: 2)
        let producer = try TestCluster.producer(cluster)
        try cluster.pushRequestErrors(
            apiKey: .produce,
            errors: [.notLeaderForPartition, .requestTimedOut, .notEnoughReplicas, .leaderNotAvailable, .transport])
        let outcomes = await sendWave(producer, partitions: 2, start: 0, count: 50)
        for outcome in outcomes {
            if case .failure(let error) = outcome { Issue.record("a send failed: \(error.debugDescription)") }
        }
        await producer.shutdown()
        let byPartition = try await readAll(cluster, partitions: 2, expected: 100)
        expectExactlyOnceInOrder(byPartition, partitions: 2, count: 50)
        cluster.shutdown()
    }

    @Test("a non-retriable broker error fails the send with librdkafka's code kept")
    func nonRetriableError() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("replies", partitions: 1)
        let producer = try TestCluster.producer(cluster)
        _ = try await producer.send(ProducerRecord(topic: "replies", value: [1]))
        try cluster.pushRequestErrors(apiKey: .produce, errors: [.messageSizeTooLarge])
        let error = await #expect(throws: KafkaError.self) {
            try await producer.send(ProducerRecord(topic: "replies", value: [2]))
        }
        #expect(error?.code == .deliveryFailed)
        #expect(error?.librdkafkaCode == .messageSizeTooLarge)
        #expect(error?.isRetriable == false)
        await producer.shutdown()
    }

    @Test("a full local queue is waited out, not reported")
    func fullQueueIsWaitedOut() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("replies", partitions: 1)
        var configuration = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
        configuration.extraProperties["queue.buffering.max.messages"] = "5"
        let producer = try KafkaProducer(configuration: configuration, logger: TestCluster.logger)
        let outcomes = await producer.send((0..<100).map { ProducerRecord(topic: "replies", value: [UInt8($0)]) })
        let offsets = try outcomes.map { try $0.get().offset }
        #expect(offsets == Array(0..<100))
        await producer.shutdown()
        cluster.shutdown()
    }

    @Test("flush reports records still in flight after its timeout, and succeeds once they are delivered")
    func flushTimeout() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("replies", partitions: 1)
        let producer = try TestCluster.producer(cluster)
        _ = try await producer.send(ProducerRecord(topic: "replies", value: [0]))
        try cluster.setBrokerDown(1)
        let pending = Task { try await producer.send(ProducerRecord(topic: "replies", value: [1])) }
        #expect(await eventually { producer.inFlightCount == 1 })
        let error = await #expect(throws: KafkaError.self) { try await producer.flush(timeout: .milliseconds(200)) }
        #expect(error?.code == .flushTimedOut)
        try cluster.setBrokerUp(1)
        try await producer.flush(timeout: .seconds(120))
        #expect(try await pending.value.offset == 1)
        await producer.shutdown()
        cluster.shutdown()
    }

    @Test("a record that times out is a retriable failure that says whether it may have been written")
    func deliveryTimeout() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("replies", partitions: 1)
        var configuration = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
        configuration.deliveryTimeout = .seconds(1)
        let producer = try KafkaProducer(configuration: configuration, logger: TestCluster.logger)
        // Connecting and getting a producer id may take longer than the timeout on a busy machine.
        var warmedUp = false
        for _ in 0..<120 where !warmedUp {
            warmedUp = (try? await producer.send(ProducerRecord(topic: "replies", value: [0]))) != nil
        }
        #expect(warmedUp)
        // In flight to a broker that answers too late: it may well have been written.
        try cluster.setBrokerRoundTripTime(1, milliseconds: 2500)
        let inFlight = await #expect(throws: KafkaError.self) {
            try await producer.send(ProducerRecord(topic: "replies", value: [1]))
        }
        #expect(inFlight?.code == .deliveryFailed)
        #expect(inFlight?.librdkafkaCode == .messageTimedOut)
        #expect(inFlight?.isRetriable == true)
        #expect(inFlight?.message.contains("may have been written") == true)
        await producer.shutdown()
        cluster.shutdown()
    }

    @Test("a fatal idempotence error surfaces as a fatal error, and later sends fail fast")
    func fatalError() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("replies", partitions: 1)
        let producer = try TestCluster.producer(cluster)
        _ = try await producer.send(ProducerRecord(topic: "replies", value: [1]))
        try producer.raiseFatalErrorForTesting(.outOfOrderSequenceNumber, reason: "test: sequence gap")
        let error = await #expect(throws: KafkaError.self) {
            try await producer.send(ProducerRecord(topic: "replies", value: [2]))
        }
        #expect(error?.isFatal == true)
        #expect(error?.code == .fatal)
        await producer.shutdown()
    }

    @Test("after shutdown, sends fail with shutDown and a second shutdown returns")
    func sendAfterShutdown() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("replies", partitions: 1)
        let producer = try TestCluster.producer(cluster)
        let report = try await producer.send(ProducerRecord(topic: "replies", value: [1]))
        #expect(report.offset == 0)
        await producer.shutdown()
        await producer.shutdown()
        let error = await #expect(throws: KafkaError.self) {
            try await producer.send(ProducerRecord(topic: "replies", value: [2]))
        }
        #expect(error?.code == .shutDown)
    }

    @Test("records librdkafka cannot take are refused with a clear error")
    func invalidRecords() async throws {
        let cluster = try MockCluster(brokers: 1, logger: TestCluster.logger)
        try cluster.createTopic("replies", partitions: 1)
        let producer = try TestCluster.producer(cluster)
        _ = try await producer.send(ProducerRecord(topic: "replies", value: [1]))
        let empty = await #expect(throws: KafkaError.self) {
            try await producer.send(ProducerRecord(topic: "", value: [1]))
        }
        #expect(empty?.code == .invalidArgument)
        let unknownPartition = await #expect(throws: KafkaError.self) {
            try await producer.send(ProducerRecord(topic: "replies", value: [1], partition: 7))
        }
        #expect(unknownPartition?.code == .produceFailed)
        #expect(unknownPartition?.librdkafkaCode == .unknownPartition)
        await producer.shutdown()
    }
}
