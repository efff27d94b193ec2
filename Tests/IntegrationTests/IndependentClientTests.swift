import Foundation
import JSONSchema
import SupportEvents
import Testing
import SupportDatabase
import SupportMessaging
@testable import SupportPipeline
import SupportTools
import TestSupport
import Worker

/// An independent Kafka client (kcat) talks to the dev broker: it produces an inbound message
/// and reads the worker's reply.
@Suite(.serialized, .enabled(if: IntegrationServices.enabled, "set SUPPORT_TEST_DATABASE_URL (scripts/test.sh does)"))
struct IndependentClientTests {
    static func kcat(_ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["kcat"] + arguments
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServiceError("kcat \(arguments.joined(separator: " ")) exited \(process.terminationStatus) (is kcat installed?)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func kcatProducesAMessageAndReadsTheReply() async throws {
        try await IntegrationEnvironment.with(partitions: 2) { env in
            try env.startWorker()
            let (id, payload) = IntegrationEnvironment.message("Where is my order 202611120007?", conversation: "kcat-1", customer: "demo-emily")
            _ = try Self.kcat(["-P", "-b", env.cluster.bootstrapServers, "-t", env.topics.inbound, "-k", "kcat-1"], input: String(decoding: payload, as: UTF8.self) + "\n")
            #expect(await env.waitForReplies([id]))
            var reply: JSONValue?
            for _ in 0..<300 where reply == nil {
                let lines = try Self.kcat(["-C", "-b", env.cluster.bootstrapServers, "-t", env.topics.replies, "-o", "beginning", "-e", "-q"])
                reply = lines.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
                    .first { $0["message_id"] == .string(id.lowercasedString) }
                if reply == nil { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(reply?["conversation_id"] == "kcat-1")
            #expect(reply?["language"] == "en")
            #expect(reply?["text"]?.stringValue?.contains("202611120007") == true)
        }
    }
}
