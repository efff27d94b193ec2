import Foundation
import JSONSchema
import Postgres
import SupportEvents
import Testing
import SupportDatabase
import SupportMessaging
@testable import SupportPipeline
import SupportTools
import TestSupport
import Worker

/// Worker processes killed at every point of the pipeline (`_exit`, like SIGKILL) and restarted:
/// nothing is lost, nothing is doubled. And the same checker catches the loss of a worker that
/// commits offsets before processing, which shows that it can fail.
@Suite(.serialized, .enabled(if: IntegrationServices.enabled, "set SUPPORT_TEST_DATABASE_URL (scripts/test.sh does)"))
struct CrashRecoveryTests {
    /// The crash tests' worker next to the test bundle (`swift build --build-tests` builds it):
    /// the production wiring with crash points and an unsafe intake injected.
    static var workerBinary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("fault-injecting-worker")
    }

    func startWorker(_ env: IntegrationEnvironment, faults: String?, log: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = Self.workerBinary
        process.arguments = [
            "--brokers", env.cluster.bootstrapServers, "--database-url", env.databaseURL, "--group", "crash-test",
            "--faults", faults ?? "", "--log-level", log == nil ? "error" : "info",
        ]
        process.standardOutput = FileHandle.nullDevice
        if let log {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: log)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    func messages(_ count: Int, tag: String) -> [(conversation: String, id: UUID, payload: [UInt8])] {
        let texts = ["订单202611270003到哪了", "我想退货，订单号是202611150001", "你好", "订单202611290005的发票怎么开", "Hello!"]
        let customers = ["demo-wang", "demo-wang", "demo-wang", "demo-wang", "demo-wang"]
        // Two different questions per conversation: asking the same thing twice would
        // (rightly) escalate and silence the bot.
        let conversations = max(1, count / 2)
        return (0..<count).map { i in
            let c = i % conversations
            let k = (c + i / conversations) % texts.count
            let conversation = "\(tag)-\(c)-\(c % 2 == 0 ? "zh" : "mixed")"
            let (id, payload) = IntegrationEnvironment.message(texts[k], conversation: conversation, customer: customers[k])
            return (conversation, id, payload)
        }
    }

    func repliedIDs(_ env: IntegrationEnvironment) -> [String: Set<String>] {
        var replies: [String: Set<String>] = [:]
        for o in env.observer.observations where o.record.topic == env.topics.replies {
            guard let v = try? JSONValue.parse(o.record.value), let m = v["message_id"]?.stringValue,
                let e = v["event_id"]?.stringValue
            else { continue }
            replies[m, default: []].insert(e)
        }
        return replies
    }

    @Test func workersKilledAtEveryPointLoseAndDoubleNothing() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.workerBinary.path), "build fault-injecting-worker first")
        try await IntegrationEnvironment.with(partitions: 3) { env in
            let batch = messages(150, tag: "crash")
            for m in batch { try await env.send(m.payload, conversation: m.conversation) }
            let wanted = Set(batch.map(\.id.lowercasedString))

            var crashes = 0
            let logDirectory = NSTemporaryDirectory() + "crash-test-" + UUID().uuidString.prefix(8)
            try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
            var worker = try startWorker(
                env, faults: "crash_before_commit=0.01,crash_after_commit=0.01,crash_after_publish=0.01",
                log: logDirectory + "/worker-0.log")
            let deadline = ContinuousClock.now + .seconds(300)
            while ContinuousClock.now < deadline {
                if wanted.isSubset(of: Set(repliedIDs(env).keys)) { break }
                if !worker.isRunning {
                    crashes += 1
                    // After a few crashes, finish the batch without faults so the test ends in time.
                    worker = try startWorker(
                        env, faults: crashes < 6 ? "crash_before_commit=0.01,crash_after_commit=0.01,crash_after_publish=0.01" : nil,
                        log: logDirectory + "/worker-\(crashes).log")
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            worker.interrupt()
            worker.waitUntilExit()
            print("crash test: \(crashes) workers killed while processing \(batch.count) messages")

            let replies = repliedIDs(env)
            let lost = wanted.subtracting(replies.keys)
            let doubled = replies.filter { wanted.contains($0.key) && $0.value.count > 1 }
            #expect(crashes > 0, "no worker crashed: the test exercised nothing")
            #expect(lost.isEmpty, "\(lost.count) messages lost (worker logs in \(logDirectory))")
            if !lost.isEmpty {
                let inInbox = try await env.pool.query(
                    "SELECT count(*) AS n FROM inbox WHERE message_id::text = ANY(string_to_array($1, ','))",
                    [.text(lost.joined(separator: ","))]).first?.decode(column: "n", as: Int64.self) ?? -1
                print("crash test: of the \(lost.count) unanswered messages, \(inInbox) are in the inbox")
                let fresh = try TopicObserver(brokers: env.cluster.bootstrapServers, topics: [env.topics.replies])
                await fresh.wait(timeout: .seconds(120)) { observations in
                    let seen = Set(observations.compactMap { (try? JSONValue.parse($0.record.value))?["message_id"]?.stringValue })
                    return lost.isSubset(of: seen)
                }
                let seen = Set(fresh.observations.compactMap { (try? JSONValue.parse($0.record.value))?["message_id"]?.stringValue })
                let byPartition = Dictionary(grouping: env.observer.observations.filter { $0.record.topic == env.topics.replies }) { $0.record.partition }.mapValues(\.count)
                let freshByPartition = Dictionary(grouping: fresh.observations) { $0.record.partition }.mapValues(\.count)
                print("crash test: a fresh observer sees \(lost.intersection(seen).count) of them; replies per partition: first observer \(byPartition), fresh \(freshByPartition)")
                await fresh.stop()
            }
            #expect(doubled.isEmpty, "\(doubled.count) messages answered with different event ids")
            #expect(try await env.count("inbox") == Int64(batch.count))
            let refundEvents = Set(env.observer.observations.filter { $0.record.topic == env.topics.refundRequests }
                .compactMap { (try? JSONValue.parse($0.record.value))?["refund_id"]?.stringValue })
            #expect(try await env.count("refunds WHERE message_id IS NOT NULL") == Int64(refundEvents.count), "a refund was recorded twice or not published")
        }
    }

    @Test func theCheckerCatchesLossWhenOffsetsAreCommittedBeforeProcessing() async throws {
        try await IntegrationEnvironment.with(partitions: 2) { env in
            let batch = messages(60, tag: "unsafe")
            for m in batch { try await env.send(m.payload, conversation: m.conversation) }
            let wanted = Set(batch.map(\.id.lowercasedString))

            var worker = try startWorker(env, faults: "commit_offsets_on_receive,crash_before_commit=0.2")
            while worker.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            // A correct worker takes over: it cannot see what the unsafe one committed but never did.
            worker = try startWorker(env, faults: nil)
            var last = -1
            var quietSince = ContinuousClock.now
            while ContinuousClock.now - quietSince < .seconds(15) {
                let count = repliedIDs(env).count
                if count != last { last = count; quietSince = .now }
                if wanted.isSubset(of: Set(repliedIDs(env).keys)) { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            worker.interrupt()
            worker.waitUntilExit()
            let lost = wanted.subtracting(repliedIDs(env).keys)
            print("negative control: \(lost.count) of \(batch.count) messages lost by committing offsets before processing")
            #expect(!lost.isEmpty, "the checker saw no loss from an unsafe worker: it cannot be trusted")
        }
    }
}
