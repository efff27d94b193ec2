import Foundation
import JSONSchema
import Testing
@testable import SupportEvents

@Suite struct SchemaFilesTests {
    static let schemasDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas")

    @Test(arguments: EventKind.allCases)
    func embeddedSchemaEqualsTheFileInSchemas(kind: EventKind) throws {
        let file = try String(contentsOf: Self.schemasDirectory.appendingPathComponent(kind.schemaFileName), encoding: .utf8)
        let embedded = try #require(EmbeddedSchemas.files[kind.schemaFileName])
        #expect(
            embedded == file.trimmingCharacters(in: .newlines),
            "Schemas/\(kind.schemaFileName) changed: run scripts/embed-resources.py")
        _ = try JSONSchema(parsing: embedded)
    }

    @Test func everySchemaFileIsAnEventKind() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemasDirectory.path)
            .filter { $0.hasSuffix(".schema.json") }
        let eventFiles = Set(EventKind.allCases.map(\.schemaFileName))
        for file in files where !eventFiles.contains(file) {
            // Other schemas (policy, cases) belong to other modules; they must at least compile.
            let text = try String(contentsOf: Self.schemasDirectory.appendingPathComponent(file), encoding: .utf8)
            #expect(throws: Never.self) { _ = try JSONSchema(parsing: text) }
        }
        #expect(eventFiles.isSubset(of: Set(files)))
    }
}

@Suite struct EventIDTests {
    @Test func matchesTheRFCVersion5Construction() {
        // RFC 9562 Appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        let dns = UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        #expect(EventID.nameBased("www.example.com", namespace: dns).lowercasedString == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test func isDeterministicPerMessageAndKind() {
        let id = UUID()
        #expect(EventID.derive(messageID: id, kind: "reply") == EventID.derive(messageID: id, kind: "reply"))
        #expect(EventID.derive(messageID: id, kind: "reply") != EventID.derive(messageID: id, kind: "escalation"))
        #expect(EventID.derive(messageID: id, kind: "reply") != EventID.derive(messageID: UUID(), kind: "reply"))
    }
}
