import Foundation
import JSONSchema
import Kafka
import Postgres
import SupportEvents
import Testing
import SupportDatabase
import SupportMessaging
@testable import SupportPipeline
import SupportTools
import TestSupport
import Worker

/// Faults mid-run: nothing is lost, nothing is doubled.
@Suite(.serialized, .enabled(if: IntegrationServices.enabled, "set SUPPORT_TEST_DATABASE_URL (scripts/test.sh does)"))
struct FaultIntegrationTests {
    func messages(_ count: Int, tag: String) -> [(conversation: String, id: UUID, payload: [UInt8])] {
        let texts = ["订单202611270003到哪了", "你好", "订单202611290005的发票怎么开", "查一下202611150001的物流"]
        return (0..<count).map { i in
            let conversation = "\(tag)-\(i % 10)"
            let (id, payload) = IntegrationEnvironment.message(texts[i % texts.count], conversation: conversation, customer: "demo-wang")
            return (conversation, id, payload)
        }
    }

    /// Every message has a reply, and every reply of one message carries the same event id.
    func expectExactlyOneOutcomeEach(_ env: IntegrationEnvironment, _ ids: [UUID]) {
        for id in ids {
            let replyIDs = Set(env.events(for: id).filter { $0.topic == env.topics.replies }.compactMap { $0.event["event_id"]?.stringValue })
            #expect(replyIDs.count == 1, "message \(id): \(replyIDs.count) distinct reply ids")
        }
    }

    @Test func aBrokerTakenDownAndBroughtBackMidRunLosesNothing() async throws {
        try await IntegrationEnvironment.with(partitions: 3, brokers: 3) { env in
            try env.startWorker()
            let batch = messages(60, tag: "broker")
            let sender = Task {
                for (i, m) in batch.enumerated() {
                    try await env.send(m.payload, conversation: m.conversation)
                    if i == 20 {
                        try env.cluster.setBrokerDown(1)
                        try await Task.sleep(for: .seconds(2))
                        try env.cluster.setBrokerUp(1)
                    }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            try await sender.value
            #expect(await env.waitForReplies(batch.map(\.id), timeout: .seconds(240)))
            expectExactlyOneOutcomeEach(env, batch.map(\.id))
            #expect(try await env.count("inbox") == Int64(batch.count))
        }
    }

    @Test func killedDatabaseConnectionsAreRecoveredWithoutLoss() async throws {
        try await IntegrationEnvironment.with(partitions: 2) { env in
            try env.startWorker()
            let batch = messages(40, tag: "dbkill")
            let admin = try PostgresPool(configuration: PostgresConfiguration(url: env.databaseURL, poolSize: 1, applicationName: "it-admin"))
            var killed = 0
            for (i, m) in batch.enumerated() {
                try await env.send(m.payload, conversation: m.conversation)
                if i % 10 == 5 {
                    let rows = try await admin.query(
                        """
                        SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
                        WHERE datname = $1 AND application_name = 'support-worker' AND pid <> pg_backend_pid()
                        """, [.text(env.databaseName)])
                    killed += rows.count
                }
                try await Task.sleep(for: .milliseconds(30))
            }
            await admin.close()
            #expect(killed > 0, "the test killed no connection")
            #expect(await env.waitForReplies(batch.map(\.id)))
            expectExactlyOneOutcomeEach(env, batch.map(\.id))
            #expect(env.observer.observations.filter { $0.record.topic == env.topics.deadLetter }.isEmpty)
        }
    }

    @Test func gracefulShutdownMidBatchThenRestartLosesAndDoublesNothing() async throws {
        try await IntegrationEnvironment.with(partitions: 3) { env in
            let first = try env.startWorker()
            let batch = messages(50, tag: "restart")
            for (i, m) in batch.enumerated() {
                try await env.send(m.payload, conversation: m.conversation)
                if i == 25 { first.triggerGracefulShutdown() }
            }
            await env.stopWorkers()
            try env.startWorker()
            #expect(await env.waitForReplies(batch.map(\.id)))
            expectExactlyOneOutcomeEach(env, batch.map(\.id))
            #expect(try await env.count("inbox") == Int64(batch.count))
        }
    }

    @Test func handoffSilenceAndReleaseTravelThroughKafka() async throws {
        try await IntegrationEnvironment.with(partitions: 2) { env in
            try env.startWorker()
            let conversation = "handoff-1"
            let (askID, ask) = IntegrationEnvironment.message("转人工，我要找真人客服", conversation: conversation, customer: "demo-wang")
            try await env.send(ask, conversation: conversation)
            #expect(await env.waitForReplies([askID]))
            #expect(env.events(for: askID).contains { $0.topic == env.topics.escalations })

            let (quietID, quiet) = IntegrationEnvironment.message("人呢？", conversation: conversation, customer: "demo-wang")
            try await env.send(quiet, conversation: conversation)
            var suppressed = false
            for _ in 0..<1200 where !suppressed {
                let rows = try await env.pool.query("SELECT outcome FROM inbox WHERE message_id = $1", [.uuid(quietID)])
                suppressed = try rows.first?.decode(column: "outcome", as: String.self) == "suppressed"
                if !suppressed { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(suppressed)
            #expect(env.events(for: quietID).isEmpty, "the bot spoke while an agent had the conversation")

            let release = AgentEvent(eventID: UUID(), conversationID: conversation, kind: .released, agentID: "agent-7", at: Date())
            _ = try await env.producer.send(ProducerRecord(topic: env.topics.agentEvents, key: Array(conversation.utf8), value: release.encoded()))
            // The release travels on its own topic: wait until the worker applied it.
            var applied = false
            for _ in 0..<1200 where !applied {
                applied = !(try await env.pool.query("SELECT 1 FROM agent_events WHERE event_id = $1", [.uuid(release.eventID)])).isEmpty
                if !applied { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(applied)
            let (againID, again) = IntegrationEnvironment.message("订单202611270003到哪了", conversation: conversation, customer: "demo-wang")
            try await env.send(again, conversation: conversation)
            #expect(await env.waitForReplies([againID]))
            #expect(env.events(for: againID).first { $0.topic == env.topics.replies }?.event["kind"] == "answer")
        }
    }
}
