import Foundation
import JSONSchema
import SupportModel
import Testing
import TestSupport
import TransformerUnderstanding
import Understanding

@Suite("The understanding model files")
struct UnderstandingModelTests {
    @Test("the shipped model loads with every label of the product and fits its tokenizer")
    func shippedModelLoads() throws {
        let model = try ShippedModel.model
        #expect(Set(model.intents) == Set(Intent.allCases))
        #expect(Set(model.sentiments) == Set(SentimentLabel.allCases))
        #expect(Set(model.cues) == Set(EscalationCueKind.allCases))
        #expect(model.tokenizer.vocabularySize == model.encoder.config.vocabularySize)
        #expect(model.temperature > 0)
        let size = try FileManager.default.attributesOfItem(atPath: ShippedModel.directory + "/model.gguf")[.size] as? Int ?? 0
        #expect(size < 40_000_000, "the shipped model must stay under 40 MB, it is \(size) bytes")
    }

    @Test("the default folder is found from the package root and its subfolders")
    func defaultFolderIsFound() throws {
        let found = try UnderstandingModel.defaultDirectory(executable: nil, currentDirectory: RepositoryPaths.path("Sources/Worker"))
        #expect(URL(fileURLWithPath: found).standardizedFileURL == URL(fileURLWithPath: ShippedModel.directory).standardizedFileURL)
    }

    @Test("with no model anywhere the error says where it looked and how to choose one")
    func missingDefaultIsAClearError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let error = #expect(throws: UnderstandingModelError.self) {
            try UnderstandingModel.defaultDirectory(executable: empty.appendingPathComponent("bin/support-worker").path, currentDirectory: empty.path)
        }
        #expect(error?.description.contains("--nlu-model") == true)
    }

    /// A folder with the shipped files, one of them changed by `change`.
    func brokenCopy(_ change: (URL) throws -> Void) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broken-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["model.gguf", "tokenizer.json"] {
            try FileManager.default.copyItem(
                atPath: ShippedModel.directory + "/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        try change(folder)
        return folder
    }

    @Test("a missing, truncated or mismatched file is refused with an error naming it")
    func brokenFilesAreRefused() throws {
        let missing = try brokenCopy { try FileManager.default.removeItem(at: $0.appendingPathComponent("tokenizer.json")) }
        defer { try? FileManager.default.removeItem(at: missing) }
        let missingError = #expect(throws: UnderstandingModelError.self) { try UnderstandingModel(directory: missing.path) }
        #expect(missingError?.description.contains("tokenizer.json") == true)

        let truncated = try brokenCopy { folder in
            let path = folder.appendingPathComponent("model.gguf")
            let bytes = try Data(contentsOf: path)
            try bytes.prefix(bytes.count / 3).write(to: path)
        }
        defer { try? FileManager.default.removeItem(at: truncated) }
        let truncatedError = #expect(throws: UnderstandingModelError.self) { try UnderstandingModel(directory: truncated.path) }
        #expect(truncatedError?.description.contains("model.gguf") == true)

        let notGGUF = try brokenCopy { folder in
            try Data("not a model".utf8).write(to: folder.appendingPathComponent("model.gguf"))
        }
        defer { try? FileManager.default.removeItem(at: notGGUF) }
        let notGGUFError = #expect(throws: UnderstandingModelError.self) { try UnderstandingModel(directory: notGGUF.path) }
        #expect(notGGUFError?.description.contains("GGUF") == true)

        // A tokenizer of another vocabulary than the model's embeddings.
        let mismatched = try brokenCopy { folder in
            let path = folder.appendingPathComponent("tokenizer.json")
            guard case .object(var root) = try JSONValue.parse(try Data(contentsOf: path)), case .object(var model) = root["model"]!,
                case .array(let vocab) = model["vocab"]!
            else { throw TestServiceError("unexpected tokenizer.json") }
            model["vocab"] = .array(Array(vocab.dropLast(100)))
            root["model"] = .object(model)
            try Data(JSONValue.object(root).serialized().utf8).write(to: path)
        }
        defer { try? FileManager.default.removeItem(at: mismatched) }
        let mismatchError = #expect(throws: UnderstandingModelError.self) { try UnderstandingModel(directory: mismatched.path) }
        #expect(mismatchError?.description.contains("pieces") == true)
    }
}
