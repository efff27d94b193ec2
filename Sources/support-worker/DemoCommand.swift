import SupportTools
import SupportDatabase
import SupportPipeline
import CommandLineOptions
import Foundation
import JSONSchema
import Kafka
import Logging
import Postgres
import SupportEvents
import Worker

/// `demo`: everything on this machine, then sample conversations through it.
enum DemoCommand: Subcommand {
    static let spec = CommandSpec(
        name: "demo",
        summary: "Run everything locally (PostgreSQL, dev broker, worker) and print sample conversations.",
        discussion: """
            Uses the PostgreSQL at --database-url (when it cannot connect and scripts/start-postgres.sh is in the
            current directory, runs it to start a local server), starts the dev broker and a worker in this
            process, applies the migrations, loads the demo data, then sends the sample conversations of
            demo/conversations.json (Chinese, English, mixed; refunds, returns, late parcels, broken items, a
            request for a human, an invalid message) and prints each exchange with the events the worker
            published.
            """,
        options: [
            OptionSpec(
                "database-url", env: "SUPPORT_DATABASE_URL", kind: .value(placeholder: "URL"), help: "PostgreSQL URL.",
                default: "postgresql://support:support@127.0.0.1:5432/support"),
            OptionSpec("log-level", env: "SUPPORT_LOG_LEVEL", kind: .value(placeholder: "LEVEL"), help: "Worker log level (logs go to standard error).", default: "warning"),
        ] + UnderstandingOptions.specs)

    struct Step: Decodable {
        var text: String?
        var raw: String?
        var agentEvent: String?
        var agentID: String?

        enum CodingKeys: String, CodingKey {
            case text, raw, agentEvent = "agent_event", agentID = "agent_id"
        }
    }

    struct Conversation: Decodable {
        var title: String
        var conversationID: String
        var customerID: String
        var customerName: String
        var steps: [Step]

        enum CodingKeys: String, CodingKey {
            case title, conversationID = "conversation_id", customerID = "customer_id", customerName = "customer_name", steps
        }
    }

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let logger = try WorkerOptions.logger(options, label: "demo")
        guard let script = EmbeddedDemoData.files["conversations.json"] else {
            throw UsageError("demo/conversations.json is not embedded; run scripts/embed-resources.py")
        }
        let conversations = try JSONDecoder().decode([Conversation].self, from: Data(script.utf8))

        let databaseURL = try await LocalPostgres.reachableURL(try options.required("database-url"))
        say("PostgreSQL:  \(PostgresConfiguration(url: databaseURL).redactedURL)")
        let cluster = try MockCluster(brokers: 3)
        var topics = TopicNames()
        topics = TopicNames()
        for topic in topics.all { try cluster.createTopic(topic, partitions: 3, replicationFactor: 3) }
        say("Kafka:       librdkafka mock cluster at \(cluster.bootstrapServers)")

        let pool = try PostgresPool(configuration: PostgresConfiguration(url: databaseURL), logger: logger.named("postgres"))
        try await DatabaseMigrator(logger: logger.named("migrate")).migrate(pool)
        try await DemoSeeder.seed(pool)
        say("Demo data:   5 customers, 11 products, 15 orders (Schemas/migrations applied)")

        var configuration = WorkerConfiguration(
            brokers: cluster.bootstrapServers, groupID: "support-demo", databaseURL: databaseURL,
            policy: try ConfigurationLoader.policy(nil), escalation: .standard)
        configuration.statusHost = nil
        configuration.migrateOnStart = false
        configuration.sessionTimeout = .seconds(6)
        configuration.databasePoolSize = 4
        configuration.understanding = try UnderstandingOptions.settings(options)
        let application = try WorkerApplication(configuration: configuration, logger: logger)
        say("Understanding: \(application.understanding.summary)")
        let group = try application.group(handleSignals: false)
        let worker = Task { try await group.run() }

        let observer = try TopicObserver(
            brokers: cluster.bootstrapServers, topics: [topics.replies, topics.escalations, topics.refundRequests, topics.deadLetter])
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(bootstrapServers: cluster.bootstrapServers), logger: logger.named("kafka"))
        say("Worker:      running (consumer group support-demo); sending \(conversations.count) conversations\n")

        var failures = 0
        for conversation in conversations {
            say("── \(conversation.title) " + String(repeating: "─", count: max(3, 70 - conversation.title.count)))
            for step in conversation.steps {
                do {
                    try await play(step, in: conversation, topics: topics, producer: producer, observer: observer, pool: pool)
                } catch {
                    failures += 1
                    say("   ✗ \(error)")
                }
            }
            say("")
        }

        group.triggerGracefulShutdown()
        try await worker.value
        await observer.stop()
        await producer.shutdown()
        await pool.close()
        cluster.shutdown()
        say(failures == 0 ? "Demo finished: every exchange completed." : "Demo finished with \(failures) failed exchanges.")
        return failures == 0 ? ExitCode.success : ExitCode.failure
    }

    struct DemoTimeout: Error, CustomStringConvertible {
        let what: String
        var description: String { "timed out waiting for \(what)" }
    }

    static func play(
        _ step: Step, in conversation: Conversation, topics: TopicNames, producer: KafkaProducer, observer: TopicObserver,
        pool: PostgresPool
    ) async throws {
        let key = Array(conversation.conversationID.utf8)
        if let text = step.text {
            let id = UUID()
            let message: JSONValue = [
                "schema_version": 1, "message_id": .string(id.lowercasedString),
                "conversation_id": .string(conversation.conversationID), "customer_id": .string(conversation.customerID),
                "channel": "web", "text": .string(text), "sent_at": .string(RFC3339.format(Date())),
            ]
            say("   \(conversation.customerName) › \(text)")
            _ = try await producer.send(ProducerRecord(topic: topics.inbound, key: key, value: Array(message.serialized().utf8)))
            let outcome = try await waitUntilProcessed(id, observer: observer, pool: pool)
            let events = observer.observations.compactMap { o -> (String, JSONValue)? in
                guard let value = try? JSONValue.parse(o.record.value), value["message_id"] == .string(id.lowercasedString) else { return nil }
                return (o.record.topic, value)
            }
            if outcome == "suppressed" { say("   bot  › (silent: the conversation is with a human agent)") }
            for (topic, event) in events { describe(topic, event, topics: topics) }
        } else if let raw = step.raw {
            say("   \(conversation.customerName) › (raw payload) \(raw)")
            let report = try await producer.send(ProducerRecord(topic: topics.inbound, key: key, value: Array(raw.utf8)))
            let found = await observer.wait(timeout: .seconds(30)) { observations in
                observations.contains { o in
                    o.record.topic == topics.deadLetter
                        && (try? JSONValue.parse(o.record.value))?["source"]?["offset"] == .int(report.offset)
                }
            }
            guard found else { throw DemoTimeout(what: "the dead letter") }
            for o in observer.observations where o.record.topic == topics.deadLetter {
                if let letter = try? JSONValue.parse(o.record.value), letter["source"]?["offset"] == .int(report.offset) {
                    describe(topics.deadLetter, letter, topics: topics)
                }
            }
        } else if let kind = step.agentEvent, let eventKind = AgentEvent.Kind(rawValue: kind) {
            let event = AgentEvent(
                eventID: UUID(), conversationID: conversation.conversationID, kind: eventKind, agentID: step.agentID ?? "agent", at: Date())
            say("   agent \(event.agentID) › \(eventKind == .released ? "releases the conversation back to the bot" : "takes the conversation over")")
            _ = try await producer.send(ProducerRecord(topic: topics.agentEvents, key: key, value: event.encoded()))
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                let rows = try await pool.query("SELECT 1 FROM agent_events WHERE event_id = $1", [.uuid(event.eventID)])
                if !rows.isEmpty { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw DemoTimeout(what: "the agent event to be applied")
        }
    }

    /// Waits until the worker recorded the message and every event it published arrived.
    static func waitUntilProcessed(_ id: UUID, observer: TopicObserver, pool: PostgresPool) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            // Invalid input is dead-lettered, not recorded in the inbox.
            let deadLettered = observer.observations.contains { o in
                (try? JSONValue.parse(o.record.value)).map {
                    $0["message_id"] == .string(id.lowercasedString) && $0["source"] != nil
                } ?? false
            }
            if deadLettered { return "dead_lettered" }
            let rows = try await pool.query(
                "SELECT outcome, (SELECT count(*) FROM outbox WHERE message_id = $1) AS events FROM inbox WHERE message_id = $1",
                [.uuid(id)])
            if let row = rows.first {
                let expected = Int(try row.decode(column: "events", as: Int64.self))
                let outcome = try row.decode(column: "outcome", as: String.self)
                let seen = await observer.wait(timeout: .seconds(10)) { observations in
                    observations.filter { (try? JSONValue.parse($0.record.value))?["message_id"] == .string(id.lowercasedString) }.count
                        >= expected
                }
                guard seen else { throw DemoTimeout(what: "the published events") }
                return outcome
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DemoTimeout(what: "the worker to process the message")
    }

    static func describe(_ topic: String, _ event: JSONValue, topics: TopicNames) {
        switch topic {
        case topics.replies:
            say("   bot  › \(event["text"]?.stringValue ?? "")")
            let facts = [event["kind"], event["intent"], event["outcome"], event["drafted_by"]]
                .compactMap { $0?.stringValue }.joined(separator: " · ")
            say("          [\(facts)]")
        case topics.escalations:
            let reasons = event["reasons"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ", ") ?? ""
            say("          → escalation to a human agent (\(event["priority"]?.stringValue ?? "")): \(reasons)")
            if let decision = event["decision"], decision != .null {
                say("            policy decision: \(decision["outcome"]?.stringValue ?? "") \(money(decision["refund_minor"], decision["currency"]))")
            }
            say("            suggested reply: \(event["suggested_reply"]?["text"]?.stringValue ?? "")")
        case topics.refundRequests:
            say("          → refund request to payments: \(money(event["amount_minor"], event["currency"])) for order \(event["order_id"]?.stringValue ?? "") (\(event["outcome"]?.stringValue ?? ""))")
        case topics.deadLetter:
            say("          → dead letter: \(event["error"]?["code"]?.stringValue ?? "") — \(event["error"]?["message"]?.stringValue ?? "") (partition \(event["source"]?["partition"]?.intValue ?? -1), offset \(event["source"]?["offset"]?.intValue ?? -1))")
        default:
            break
        }
    }

    static func money(_ minor: JSONValue?, _ currency: JSONValue?) -> String {
        guard let m = minor?.intValue else { return "" }
        let sign = m < 0 ? "-" : ""
        let v = abs(m)
        return "\(sign)\(v / 100).\(String(format: "%02d", v % 100)) \(currency?.stringValue ?? "")"
    }

    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Finds a PostgreSQL to use: the URL given, or a local server started by the repository's
/// script when the URL does not answer.
enum LocalPostgres {
    static func reachableURL(_ url: String) async throws -> String {
        if await answers(url) { return url }
        let script = "scripts/start-postgres.sh"
        guard FileManager.default.isExecutableFile(atPath: script) else {
            throw UsageError("cannot connect to PostgreSQL at \(PostgresConfiguration(url: url).redactedURL); start it or pass --database-url")
        }
        DemoCommand.say("PostgreSQL does not answer; starting a local server with \(script)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let started = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !started.isEmpty, await answers(started) else {
            throw UsageError("\(script) could not start PostgreSQL (exit \(process.terminationStatus))")
        }
        return started
    }

    static func answers(_ url: String) async -> Bool {
        var configuration = PostgresConfiguration(url: url)
        configuration.connectTimeout = .seconds(3)
        guard let pool = try? PostgresPool(configuration: configuration) else { return false }
        let ok = (try? await pool.query("SELECT 1")) != nil
        await pool.close()
        return ok
    }
}
