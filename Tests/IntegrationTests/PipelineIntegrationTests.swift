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

/// The worker end to end against librdkafka's mock cluster and a real PostgreSQL.
@Suite(.serialized, .enabled(if: IntegrationServices.enabled, "set SUPPORT_TEST_DATABASE_URL (scripts/test.sh does)"))
struct PipelineIntegrationTests {
    /// Messages across conversations whose customers' orders make the bot answer on its own.
    static let scripts: [(customer: String, texts: [String])] = [
        ("demo-wang", ["订单202611270003到哪了", "我想退货，订单号是202611150001", "你好", "订单202611290005的发票怎么开"]),
        ("demo-emily", ["Where is my order 202611120007?", "Hello!", "How do I get an invoice for order 202611260008?", "What's the status of order 202611300009?"]),
        ("demo-zhao", ["查一下订单202611290014的物流", "你好", "订单202611290014什么时候到的"]),
    ]

    func batch(conversations: Int, tag: String) -> [(conversation: String, id: UUID, payload: [UInt8])] {
        var out: [(String, UUID, [UInt8])] = []
        for c in 0..<conversations {
            let script = Self.scripts[c % Self.scripts.count]
            let conversation = "\(tag)-\(c)"
            for text in script.texts {
                let (id, payload) = IntegrationEnvironment.message(text, conversation: conversation, customer: script.customer)
                out.append((conversation, id, payload))
            }
        }
        return out
    }

    @Test func aBatchOverConversationsAndPartitionsGetsOneOutcomePerMessageInConversationOrder() async throws {
        try await IntegrationEnvironment.with(partitions: 4) { env in
            try env.startWorker()
            let messages = batch(conversations: 12, tag: "order")
            for m in messages { try await env.send(m.payload, conversation: m.conversation) }
            #expect(await env.waitForReplies(messages.map(\.id)))

            // Exactly one reply per message id.
            let replies = env.observer.observations.filter { $0.record.topic == env.topics.replies }
                .compactMap { try? JSONValue.parse($0.record.value) }
            let byMessage = Dictionary(grouping: replies) { $0["message_id"]?.stringValue ?? "" }
            for m in messages {
                #expect(byMessage[m.id.lowercasedString]?.count == 1, "message \(m.id) has \(byMessage[m.id.lowercasedString]?.count ?? 0) replies")
            }
            // In each conversation, replies come in the order the messages were sent.
            for conversation in Set(messages.map(\.conversation)) {
                let sent = messages.filter { $0.conversation == conversation }.map(\.id.lowercasedString)
                let answered = replies.filter { $0["conversation_id"]?.stringValue == conversation }.compactMap { $0["message_id"]?.stringValue }
                #expect(answered == sent, "conversation \(conversation)")
            }
            #expect(try await env.count("inbox") == Int64(messages.count))
        }
    }

    @Test func aRedeliveredBatchRepublishesTheSameEventsAndWritesNoNewRows() async throws {
        try await IntegrationEnvironment.with(partitions: 3) { env in
            try env.startWorker()
            let messages = batch(conversations: 6, tag: "redeliver")
            for m in messages { try await env.send(m.payload, conversation: m.conversation) }
            #expect(await env.waitForReplies(messages.map(\.id)))
            let tables = ["inbox", "outbox", "turns", "refunds", "conversations"]
            var before: [String: Int64] = [:]
            for t in tables { before[t] = try await env.count(t) }
            let firstEvents = Dictionary(uniqueKeysWithValues: messages.map { m in
                (m.id, env.events(for: m.id).map { $0.event["event_id"]?.stringValue ?? "" }.sorted())
            })

            // The gateway sends the whole batch again (same message ids).
            for m in messages { try await env.send(m.payload, conversation: m.conversation) }
            let doubled = await env.observer.wait(timeout: .seconds(120)) { _ in
                messages.allSatisfy { m in env.events(for: m.id).count == 2 * (firstEvents[m.id]?.count ?? 0) }
            }
            #expect(doubled)
            for m in messages {
                let all = env.events(for: m.id).map { $0.event["event_id"]?.stringValue ?? "" }.sorted()
                let first = firstEvents[m.id] ?? []
                #expect(all == (first + first).sorted(), "message \(m.id) re-published other event ids")
            }
            for t in tables { #expect(try await env.count(t) == before[t], "table \(t) changed") }
        }
    }

    @Test func poisonMessagesAreDeadLetteredAndLaterMessagesStillFlow() async throws {
        try await IntegrationEnvironment.with(partitions: 1) { env in
            try env.startWorker()
            let conversation = "poison-1"
            let poison: [(String, [UInt8])] = [
                ("invalid_json", Array("{\"schema_version\": 1, ".utf8)),
                ("invalid_utf8", Array("{\"text\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)),
                ("schema_violation", IntegrationEnvironment.message("x", conversation: conversation, customer: "demo-wang").1
                    .replacing(Array("\"web\"".utf8), with: Array("42".utf8))),
                ("text_too_long", IntegrationEnvironment.message(String(repeating: "退", count: 6000), conversation: conversation, customer: "demo-wang").1),
            ]
            var offsets: [String: Int64] = [:]
            for (code, payload) in poison {
                offsets[code] = try await env.send(payload, conversation: conversation).offset
            }
            let (goodID, good) = IntegrationEnvironment.message("订单202611270003到哪了", conversation: conversation, customer: "demo-wang")
            try await env.send(good, conversation: conversation)
            #expect(await env.waitForReplies([goodID]))
            let records = env.observer.observations.filter { $0.record.topic == env.topics.deadLetter }
            // Dead letters keep the original key, so they stay with their conversation.
            #expect(records.count == poison.count && records.allSatisfy { $0.record.key == Array(conversation.utf8) })
            let letters = records.compactMap { try? JSONValue.parse($0.record.value) }
            for (code, offset) in offsets {
                let letter = letters.first { $0["source"]?["offset"] == .int(offset) }
                #expect(letter?["error"]?["code"] == .string(code), "offset \(offset)")
                #expect(letter?["source"]?["topic"] == .string(env.topics.inbound))
                #expect(letter.flatMap { Data(base64Encoded: $0["payload_base64"]?.stringValue ?? "") }.map(Array.init)
                    == poison.first { $0.0 == code }?.1)
            }
        }
    }
}

extension Array where Element == UInt8 {
    func replacing(_ old: [UInt8], with new: [UInt8]) -> [UInt8] {
        guard let range = self.firstRange(of: old) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: new)
        return copy
    }
}
