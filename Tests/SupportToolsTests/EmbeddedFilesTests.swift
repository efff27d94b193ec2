import Foundation
import SupportDatabase
import SupportTools
import Testing
import TestSupport

/// The migrations and the demo data are compiled into the binary (scripts/embed-resources.py):
/// each embedded copy equals its file, and every file of the folder is embedded.
@Suite struct EmbeddedFilesTests {
    static func files(in folder: String, suffixes: [String]) throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.path(folder))
            .filter { name in suffixes.contains { name.hasSuffix($0) } }
        var files: [String: String] = [:]
        for name in names {
            files[name] = try String(contentsOfFile: RepositoryPaths.path("\(folder)/\(name)"), encoding: .utf8)
                .trimmingCharacters(in: .newlines)
        }
        return files
    }

    @Test func theEmbeddedMigrationsAreTheFilesInSchemasMigrations() throws {
        let files = try Self.files(in: "Schemas/migrations", suffixes: [".sql"])
        #expect(Set(EmbeddedMigrations.files.keys) == Set(files.keys), "run python3 scripts/embed-resources.py")
        for (name, text) in files {
            #expect(EmbeddedMigrations.files[name] == text, "\(name) differs from its embedded copy")
        }
    }

    @Test func theEmbeddedDemoDataIsTheFilesInDemo() throws {
        let files = try Self.files(in: "demo", suffixes: [".sql", ".json"])
        #expect(Set(EmbeddedDemoData.files.keys) == Set(files.keys), "run python3 scripts/embed-resources.py")
        for (name, text) in files {
            #expect(EmbeddedDemoData.files[name] == text, "\(name) differs from its embedded copy")
        }
    }
}
