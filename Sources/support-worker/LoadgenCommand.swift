import SupportTools
import SupportDatabase
import SupportPipeline
import CommandLineOptions
import Foundation
import JSONSchema
import Kafka
import Lifecycle
import Logging
import Postgres
import SupportEvents
import Synchronization
import Worker

/// `loadgen`: realistic bilingual traffic at a rate or in a burst, with end-to-end latency
/// percentiles and throughput measured from the replies.
enum LoadgenCommand: Subcommand {
    static let spec = CommandSpec(
        name: "loadgen",
        summary: "Produce bilingual traffic at a rate or in a burst; report latency percentiles and throughput.",
        discussion: """
            Without --brokers, runs self-contained: starts the dev broker and --workers workers in this process
            on the PostgreSQL at --database-url (migrated and seeded with the demo data), then sends the
            traffic. With --brokers, only sends and observes: run the workers yourself against the same broker
            and a database seeded with `seed-demo`.

            Messages are about the demo customers' orders (status, returns, exchanges, cancellations,
            invoices, greetings), in Chinese, English and both, spread over conversations. Latency is the time
            from handing a message to the producer to seeing its reply on the replies topic, measured in this
            process. Prints a summary and one JSON line with the figures.
            """,
        options: [
            OptionSpec("count", env: "SUPPORT_LOADGEN_COUNT", kind: .value(placeholder: "N"), help: "Messages to send.", default: "2000"),
            OptionSpec("rate", env: "SUPPORT_LOADGEN_RATE", kind: .value(placeholder: "PER_SECOND"), help: "Messages per second; 0 sends everything at once (burst).", default: "200"),
            OptionSpec("conversations", env: "SUPPORT_LOADGEN_CONVERSATIONS", kind: .value(placeholder: "N"), help: "Distinct conversations (messages of one conversation are processed in order).", default: "500"),
            OptionSpec("workers", env: "SUPPORT_LOADGEN_WORKERS", kind: .value(placeholder: "N"), help: "Workers to start in this process (self-contained mode).", default: "1"),
            OptionSpec("partitions", env: "SUPPORT_LOADGEN_PARTITIONS", kind: .value(placeholder: "N"), help: "Partitions per topic (self-contained mode).", default: "6"),
            OptionSpec("timeout", env: "SUPPORT_LOADGEN_TIMEOUT", kind: .value(placeholder: "DURATION"), help: "How long to wait for the last replies.", default: "60s"),
            OptionSpec("seed", env: "SUPPORT_LOADGEN_SEED", kind: .value(placeholder: "N"), help: "Random seed of the traffic.", default: "42"),
            OptionSpec("max-buffered", env: "SUPPORT_MAX_BUFFERED", kind: .value(placeholder: "N"), help: "Worker backpressure bound (self-contained mode).", default: "256"),
            OptionSpec("db-pool-size", env: "SUPPORT_DB_POOL_SIZE", kind: .value(placeholder: "N"), help: "PostgreSQL connections per worker (self-contained mode).", default: "8"),
            OptionSpec(
                "database-url", env: "SUPPORT_DATABASE_URL", kind: .value(placeholder: "URL"), help: "PostgreSQL URL (self-contained mode).",
                default: "postgresql://support:support@127.0.0.1:5432/support"),
            WorkerOptions.brokers,
            OptionSpec("log-level", env: "SUPPORT_LOG_LEVEL", kind: .value(placeholder: "LEVEL"), help: "Worker log level.", default: "warning"),
        ] + UnderstandingOptions.specs + TopicOptions.specs)

    /// librdkafka's mock broker answers a fetch only when `fetch.wait.max.ms` (default 500 ms)
    /// runs out, unlike a real broker, which answers as soon as data arrives; a short wait keeps
    /// that artefact out of the measured latency.
    static let mockFetchProperties = ["fetch.wait.max.ms": "5", "socket.nagle.disable": "true"]

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let logger = try WorkerOptions.logger(options, label: "loadgen")
        let count = try options.int("count", in: 1...10_000_000) ?? 2000
        let rate = try options.int("rate", in: 0...1_000_000) ?? 200
        let conversations = try options.int("conversations", in: 1...10_000_000) ?? 500
        let workers = try options.int("workers", in: 1...64) ?? 1
        let partitions = try options.int("partitions", in: 1...1024) ?? 6
        let timeout = try options.duration("timeout") ?? .seconds(60)
        let seed = UInt64(try options.int("seed", in: 0...Int.max) ?? 42)
        let topics = try TopicOptions.topics(options)

        var cluster: MockCluster?
        var groups: [(ServiceGroup, Task<Void, any Error>)] = []
        let brokers: String
        if let external = options.string("brokers") {
            brokers = external
        } else {
            let databaseURL = try await LocalPostgres.reachableURL(try options.required("database-url"))
            let mock = try MockCluster(brokers: 3)
            for topic in topics.all { try mock.createTopic(topic, partitions: Int32(partitions), replicationFactor: 3) }
            cluster = mock
            brokers = mock.bootstrapServers
            let pool = try PostgresPool(configuration: PostgresConfiguration(url: databaseURL), logger: logger)
            try await DatabaseMigrator(logger: logger).migrate(pool)
            try await DemoSeeder.seed(pool)
            await pool.close()
            for index in 0..<workers {
                var configuration = WorkerConfiguration(
                    brokers: brokers, groupID: "support-loadgen", databaseURL: databaseURL,
                    policy: try ConfigurationLoader.policy(nil), escalation: .standard)
                configuration.topics = topics
                configuration.statusHost = nil
                configuration.migrateOnStart = false
                configuration.sessionTimeout = .seconds(6)
                configuration.clientID = "loadgen-worker-\(index)"
                configuration.pipeline.maximumBuffered = try options.int("max-buffered", in: 1...100_000) ?? 256
                configuration.databasePoolSize = try options.int("db-pool-size", in: 1...256) ?? 8
                configuration.understanding = try UnderstandingOptions.settings(options)
                let group = try WorkerApplication(configuration: configuration, logger: logger.named("worker-\(index)"))
                    .group(handleSignals: false)
                groups.append((group, Task { try await group.run() }))
            }
        }

        var generator = TrafficGenerator(seed: seed, conversations: conversations)
        let traffic = generator.messages(count: count)
        let book = LatencyBook()
        let observer = try TopicObserver(
            brokers: brokers, topics: [topics.replies, topics.deadLetter],
            consumerProperties: mockFetchProperties
        ) { observation in
            guard let value = try? JSONValue.parse(observation.record.value), let id = value["message_id"]?.stringValue else { return }
            book.answered(id, at: observation.receivedAt)
        }
        // Let the workers and the observer join their groups before timing anything.
        var producerConfiguration = KafkaProducerConfiguration(bootstrapServers: brokers)
        producerConfiguration.extraProperties = ["socket.nagle.disable": "true"]
        let producer = try KafkaProducer(configuration: producerConfiguration, logger: logger.named("kafka"))
        try await warmUp(producer: producer, observer: observer, topics: topics)

        say("loadgen: \(count) messages over \(conversations) conversations, \(rate == 0 ? "burst" : "\(rate)/s"), "
            + (cluster == nil ? "external workers at \(brokers)" : "\(workers) worker(s), \(partitions) partitions"))
        let start = ContinuousClock.now
        try await withThrowingDiscardingTaskGroup { group in
            for (i, message) in traffic.enumerated() {
                if rate > 0 {
                    let target = start + .nanoseconds(Int64(Double(i) * 1e9 / Double(rate)))
                    if target > .now { try await Task.sleep(until: target) }
                }
                let record = ProducerRecord(topic: topics.inbound, key: Array(message.conversationID.utf8), value: message.payload)
                book.sent(message.messageID, at: .now)
                group.addTask { _ = try await producer.send(record) }
            }
        }
        let sendDuration = ContinuousClock.now - start
        let allDone = await observer.wait(timeout: timeout) { _ in book.answeredCount >= count }
        let measured = book.latencies
        let last = (book.lastAnswer ?? ContinuousClock.now) - start

        func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
        func percentile(_ p: Double) -> Double {
            guard !measured.isEmpty else { return .nan }
            return ms(measured[min(measured.count - 1, Int((p * Double(measured.count)).rounded(.up)) - 1)])
        }
        let throughput = Double(measured.count) / (ms(last) / 1000)
        say(String(format: "sent in %.1f s; replies for %d of %d messages%@", ms(sendDuration) / 1000, measured.count, count,
                   allDone ? "" : " (the rest timed out)"))
        say(String(format: "throughput: %.1f messages/s (first send to last reply)", throughput))
        say(String(format: "latency produce→reply: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                   percentile(0.5), percentile(0.9), percentile(0.99), measured.last.map(ms) ?? .nan))
        let summary: JSONValue = [
            "messages": .int(Int64(count)), "completed": .int(Int64(measured.count)), "rate": .int(Int64(rate)),
            "workers": cluster == nil ? .null : .int(Int64(workers)),
            "partitions": cluster == nil ? .null : .int(Int64(partitions)),
            "throughput_per_second": .double((throughput * 10).rounded() / 10),
            "p50_ms": .double((percentile(0.5) * 10).rounded() / 10), "p90_ms": .double((percentile(0.9) * 10).rounded() / 10),
            "p99_ms": .double((percentile(0.99) * 10).rounded() / 10),
        ]
        say(summary.serialized())

        await observer.stop()
        await producer.shutdown()
        for (group, task) in groups {
            group.triggerGracefulShutdown()
            _ = try? await task.value
        }
        cluster?.shutdown()
        return allDone ? ExitCode.success : ExitCode.failure
    }

    /// Sends one greeting and waits for its reply, so group joins are not timed.
    static func warmUp(producer: KafkaProducer, observer: TopicObserver, topics: TopicNames) async throws {
        let id = UUID().lowercasedString
        let message: JSONValue = [
            "schema_version": 1, "message_id": .string(id), "conversation_id": "loadgen-warmup", "customer_id": "load-0000",
            "channel": "web", "text": "你好", "sent_at": .string(RFC3339.format(Date())),
        ]
        _ = try await producer.send(ProducerRecord(topic: topics.inbound, key: Array("loadgen-warmup".utf8), value: Array(message.serialized().utf8)))
        let ready = await observer.wait(timeout: .seconds(60)) { observations in
            observations.contains { (try? JSONValue.parse($0.record.value))?["message_id"] == .string(id) }
        }
        guard ready else { throw UsageError("no worker answered within 60 s: is one running against \(topics.inbound)?") }
    }

    static func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
}

/// Realistic, seeded bilingual traffic about the demo customers' orders.
struct TrafficGenerator {
    struct Message {
        var messageID: String
        var conversationID: String
        var payload: [UInt8]
    }

    /// The load customers seeded by `seed-demo` (load-0000 … load-1999): each has a delivered
    /// jacket (order 3…) and books on their way (order 4…).
    static let customers = 2000

    /// One question per kind (status, return, invoice, greeting, exchange, refund status), so a
    /// conversation never repeats itself. {d}: the delivered order; {s}: the shipped one.
    static let chinese = [
        "订单{s}到哪了？", "我想退货，订单号是{d}，衣服大了", "{d} 这个订单能开发票吗", "你好", "订单{d}的羽绒服可以换个颜色吗",
        "订单{d}的退款到哪一步了？",
    ]
    static let english = [
        "Where is my order {s}?", "I'd like to return the jacket from order {d}, it doesn't fit",
        "How do I get an invoice for order {d}?", "Hello!", "Can I exchange order {d} for another colour?",
        "What's the status of my refund for order {d}?",
    ]

    var rng: SplitMix64
    let conversations: Int

    init(seed: UInt64, conversations: Int) {
        rng = SplitMix64(seed: seed)
        self.conversations = conversations
    }

    /// Each conversation walks a shuffled list of different questions, as a customer would;
    /// asking the same thing again after an answer would (rightly) escalate it.
    mutating func messages(count: Int) -> [Message] {
        let run = UUID().uuidString.prefix(8).lowercased()
        var plans: [Int: [String]] = [:]
        var turn: [Int: Int] = [:]
        return (0..<count).map { i in
            let conversation = i % conversations
            let n = conversation % Self.customers
            let customer = "load-" + String(repeating: "0", count: 4 - String(n).count) + String(n)
            let digits = String(repeating: "0", count: 11 - String(n).count) + String(n)
            let (delivered, shipped, zh) = ("3" + digits, "4" + digits, n % 2 == 0)
            if plans[conversation] == nil {
                var templates = zh ? Self.chinese : Self.english
                for k in stride(from: templates.count - 1, to: 0, by: -1) {
                    templates.swapAt(k, Int(rng.next() % UInt64(k + 1)))
                }
                plans[conversation] = templates
            }
            let plan = plans[conversation]!
            let index = turn[conversation, default: 0]
            turn[conversation] = index + 1
            let text = plan[index % plan.count].replacingOccurrences(of: "{d}", with: delivered)
                .replacingOccurrences(of: "{s}", with: shipped)
            let id = UUID().lowercasedString
            let value: JSONValue = [
                "schema_version": 1, "message_id": .string(id), "conversation_id": .string("load-\(run)-\(conversation)"),
                "customer_id": .string(customer), "channel": zh ? "app" : "web", "text": .string(text),
                "sent_at": .string(RFC3339.format(Date())), "locale": zh ? "zh-CN" : "en-US",
            ]
            return Message(messageID: id, conversationID: "load-\(run)-\(conversation)", payload: Array(value.serialized().utf8))
        }
    }
}

struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Send and reply times of the measured messages.
final class LatencyBook: Sendable {
    private let state = Mutex<(sent: [String: ContinuousClock.Instant], latency: [String: Duration], last: ContinuousClock.Instant?)>(([:], [:], nil))

    func sent(_ id: String, at instant: ContinuousClock.Instant) {
        state.withLock { $0.sent[id] = instant }
    }

    /// The first reply to a message sent by this run.
    func answered(_ id: String, at instant: ContinuousClock.Instant) {
        state.withLock { s in
            guard let sent = s.sent[id], s.latency[id] == nil else { return }
            s.latency[id] = instant - sent
            s.last = max(s.last ?? instant, instant)
        }
    }

    var answeredCount: Int { state.withLock { $0.latency.count } }
    var latencies: [Duration] { state.withLock { Array($0.latency.values) }.sorted() }
    var lastAnswer: ContinuousClock.Instant? { state.withLock { $0.last } }
}
