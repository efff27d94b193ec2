// The worker of the crash-recovery tests: the production wiring (`WorkerApplication`) with
// crash points and, for the negative control, an unsafe intake that commits each offset as soon
// as the record is read. Both reach the worker through its initializer; the production binary
// has neither. Never deploy this.
//
//   fault-injecting-worker --brokers HOST:PORT --database-url URL --group ID
//       [--faults crash_before_commit=P,crash_after_commit=P,crash_after_publish=P,commit_offsets_on_receive]
//       [--log-level LEVEL]
//
// At a crash point the process ends at once with probability P, as if killed (`_exit(86)`).
import Foundation
import Kafka
import Logging
import SupportMessaging
import SupportPipeline
import Worker

/// Crash points chosen by probability.
struct RandomCrashes: PipelineFaults {
    var probabilities: [PipelinePoint: Double] = [:]

    func reached(_ point: PipelinePoint) {
        guard let p = probabilities[point], p > 0, Double.random(in: 0..<1) < p else { return }
        FileHandle.standardError.write(Data("fault injection: crashing at \(point.rawValue)\n".utf8))
        _exit(86)
    }
}

/// The unsafe pattern the crash tests must catch losing messages: the offset is committed
/// before the work is done.
struct CommitOnReceive: KafkaConsumerHandler {
    let inner: KafkaDispatchBridge
    let consumer: KafkaConsumer

    func received(_ record: ConsumerRecord) {
        try? consumer.storeOffset(record.topicPartition, nextOffset: record.offset + 1)
        let done = DispatchSemaphore(value: 0)
        Task {
            try? await consumer.commit()
            done.signal()
        }
        done.wait()
        inner.received(record)
    }

    func assigned(_ partitions: [TopicPartition]) { inner.assigned(partitions) }
    func revoking(_ partitions: [TopicPartition]) async { await inner.revoking(partitions) }
    func lost(_ partitions: [TopicPartition]) { inner.lost(partitions) }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
}

func parseFaults(_ text: String) throws -> (RandomCrashes, commitOnReceive: Bool) {
    var crashes = RandomCrashes()
    var commitOnReceive = false
    for item in text.split(separator: ",") {
        let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
        if parts[0] == "commit_offsets_on_receive" {
            commitOnReceive = true
        } else if parts[0].hasPrefix("crash_"), let point = PipelinePoint(rawValue: String(parts[0].dropFirst(6))),
            parts.count == 2, let p = Double(parts[1]), (0...1).contains(p)
        {
            crashes.probabilities[point] = p
        } else {
            throw UsageError(description: "--faults: cannot use \"\(item)\"")
        }
    }
    return (crashes, commitOnReceive)
}

func main() async -> Int32 {
    var options: [String: String] = [:]
    var arguments = CommandLine.arguments.dropFirst()
    while let flag = arguments.popFirst() {
        guard flag.hasPrefix("--"), let value = arguments.popFirst() else {
            FileHandle.standardError.write(Data("usage: see the header of Sources/fault-injecting-worker/main.swift\n".utf8))
            return 64
        }
        options[String(flag.dropFirst(2))] = value
    }
    do {
        guard let brokers = options["brokers"], let url = options["database-url"], let group = options["group"] else {
            throw UsageError(description: "--brokers, --database-url and --group are required")
        }
        let (crashes, commitOnReceive) = try parseFaults(options["faults"] ?? "")
        var configuration = WorkerConfiguration(
            brokers: brokers, groupID: group, databaseURL: url, policy: try .embedded(), escalation: .standard)
        configuration.statusHost = nil
        configuration.migrateOnStart = false
        configuration.sessionTimeout = .seconds(6)
        configuration.consumerProperties["fetch.wait.max.ms"] = "5"
        let level = LogLevel(name: options["log-level"] ?? "error") ?? .error
        let logger = Logger(label: "fault-injecting-worker", level: level)
        let unsafeIntake: WorkerApplication.Intake = { bridge, consumer in CommitOnReceive(inner: bridge, consumer: consumer) }
        let intake = commitOnReceive ? unsafeIntake : nil
        let application = try WorkerApplication(
            configuration: configuration, logger: logger, faults: crashes.probabilities.isEmpty ? nil : crashes,
            intake: intake)
        try await application.run()
        return 0
    } catch {
        FileHandle.standardError.write(Data("fault-injecting-worker: \(error)\n".utf8))
        return 1
    }
}

exit(await main())
