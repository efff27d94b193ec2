// Measures the Kafka module against librdkafka's in-process mock cluster: idempotent produce
// throughput through the ordered batch API and through concurrent single sends (with per-send
// latency), then consume throughput with an offset stored per record.
//
// Usage: kafka-bench [--records N] [--size BYTES] [--senders N] [--batch N]
// Build with `swift build -c release --product kafka-bench` for meaningful figures.
// The mock cluster keeps only the newest 5 MiB (or 100,000 batches) of each partition and
// silently drops older records, so the run refuses sizes that would overflow it.
import Foundation
import Kafka
import Logging
import Synchronization

struct Options {
    var records = 50_000
    var size = 300
    var senders = 64
    var batch = 1000

    init(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard let value = iterator.next().flatMap(Int.init), value > 0 else {
                throw UsageError(message: "\(argument) needs a positive number")
            }
            switch argument {
            case "--records": records = value
            case "--size": size = value
            case "--senders": senders = value
            case "--batch": batch = value
            default: throw UsageError(message: "unknown option \(argument)")
            }
        }
    }
}

struct UsageError: Error, CustomStringConvertible {
    var message: String
    var description: String { "\(message)\nusage: kafka-bench [--records N] [--size BYTES] [--senders N] [--batch N]" }
}

/// Counts consumed records and stores each one's offset, as the worker does.
final class CountingHandler: KafkaConsumerHandler {
    let consumer: Mutex<KafkaConsumer?> = Mutex(nil)
    let count = Atomic<Int>(0)
    let firstAt = Mutex<ContinuousClock.Instant?>(nil)

    func received(_ record: ConsumerRecord) {
        firstAt.withLock { if $0 == nil { $0 = .now } }
        try? consumer.withLock { $0 }?.storeOffset(record.topicPartition, nextOffset: record.offset + 1)
        count.add(1, ordering: .relaxed)
    }
    func assigned(_ partitions: [TopicPartition]) {}
    func revoking(_ partitions: [TopicPartition]) async {}
    func lost(_ partitions: [TopicPartition]) {}
}

/// Writes one line to standard output at once (no buffering), so progress shows as it happens.
func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func rate(_ count: Int, _ elapsed: Duration) -> String {
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return String(format: "%.0f records/s (%d in %.2f s)", Double(count) / seconds, count, seconds)
}

func percentile(_ sorted: [Duration], _ p: Double) -> String {
    let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    let ms = Double(value.components.seconds) * 1000 + Double(value.components.attoseconds) / 1e15
    return String(format: "%.2f ms", ms)
}

let options: Options
do {
    options = try Options(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

let partitions = 6
let perPartitionBytes = Int(Double(options.records) * 1.1 * Double(options.size + 70)) / partitions
guard perPartitionBytes < 4 * 1024 * 1024 else {
    report("\(options.records) records of \(options.size) bytes overflow the mock cluster's 5 MiB per partition; use fewer")
    exit(2)
}
let logger = Logger(label: "kafka", level: .error)
let cluster = try MockCluster(brokers: 3, logger: logger)
try cluster.createTopic("bench", partitions: Int32(partitions), replicationFactor: 3)
var producerConfiguration = KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers)
producerConfiguration.linger = .milliseconds(5)
let producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
let payload = [UInt8](repeating: 0x61, count: options.size)
let clock = ContinuousClock()
report("librdkafka \(Kafka.librdkafkaVersion), mock cluster of 3 brokers, \(partitions) partitions, \(options.size)-byte records")
// Warm up: connections, metadata and the idempotent producer id take about a second.
_ = try await producer.send(ProducerRecord(topic: "bench", value: payload))

// 1. Ordered batches through send([ProducerRecord]), each awaited before the next.
var start = clock.now
var sent = 0
while sent < options.records {
    let batch = (sent..<min(sent + options.batch, options.records)).map {
        ProducerRecord(topic: "bench", key: Array("conversation-\($0 % 500)".utf8), value: payload)
    }
    for outcome in await producer.send(batch) { _ = try outcome.get() }
    sent += batch.count
}
report("produce, ordered batches of \(options.batch): \(rate(sent, clock.now - start))")

// 2. Concurrent single sends, each awaiting its own acknowledgement.
let perSender = max(1, options.records / 10 / options.senders)
start = clock.now
let latencies = await withTaskGroup(of: [Duration].self) { group in
    for sender in 0..<options.senders {
        group.addTask {
            var measured: [Duration] = []
            for index in 0..<perSender {
                let began = clock.now
                do throws(KafkaError) {
                    _ = try await producer.send(
                        ProducerRecord(topic: "bench", key: Array("conversation-\(sender)-\(index % 7)".utf8), value: payload))
                } catch {
                    report("send failed: \(error.debugDescription)")
                }
                measured.append(clock.now - began)
            }
            return measured
        }
    }
    var all: [Duration] = []
    for await part in group { all += part }
    return all.sorted()
}
report(
    "produce, \(options.senders) concurrent senders:    \(rate(latencies.count, clock.now - start)); "
        + "send latency p50 \(percentile(latencies, 0.5)), p99 \(percentile(latencies, 0.99))")
await producer.shutdown()

// 3. Consume everything with one member, storing each offset.
let total = 1 + sent + latencies.count
var consumerConfiguration = KafkaConsumerConfiguration(bootstrapServers: cluster.bootstrapServers, groupID: "bench")
consumerConfiguration.sessionTimeout = .seconds(6)
consumerConfiguration.heartbeatInterval = .seconds(1)
let consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: logger)
try consumer.subscribe(topics: ["bench"])
let handler = CountingHandler()
handler.consumer.withLock { $0 = consumer }
let run = Task { try await consumer.run(handler: handler) }
var lastProgress = clock.now
while handler.count.load(ordering: .relaxed) < total {
    try await Task.sleep(for: .milliseconds(5))
    if clock.now - lastProgress > .seconds(10) {
        report("  consumed \(handler.count.load(ordering: .relaxed)) of \(total) so far")
        lastProgress = clock.now
    }
}
let consumeStart = handler.firstAt.withLock { $0 }!
report("consume with offset store:         \(rate(total, clock.now - consumeStart)) (after the group join)")
consumer.triggerShutdown()
try await run.value
cluster.shutdown()
