import Foundation
import Testing

/// Where the tests find the package's files: the repository root, committed fixtures, and the
/// optional downloaded checkpoints (`scripts/fetch-models.sh`, `scripts/setup-e5.sh`).
public enum RepositoryPaths {
    /// The package root (two levels above this file: Tests/TestSupport/).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path relative to the package root.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A URL relative to the package root.
    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The folder of downloaded checkpoints: `SUPPORT_MODELS_DIR`, or `models/` at the root.
    public static var modelsDirectory: URL {
        if let custom = ProcessInfo.processInfo.environment["SUPPORT_MODELS_DIR"], !custom.isEmpty {
            return URL(fileURLWithPath: custom)
        }
        return root.appendingPathComponent("models")
    }

    /// The path of a downloaded checkpoint file, or nil when it is not there.
    public static func model(_ relative: String) -> String? {
        let path = modelsDirectory.appendingPathComponent(relative).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Whether a downloaded checkpoint file is there (for `.enabled(if:)` traits).
    public static func hasModel(_ relative: String) -> Bool { model(relative) != nil }

    /// The reason a test that needs `relative` is skipped when it is missing.
    public static func missingModelReason(_ relative: String, fetchedBy script: String = "scripts/fetch-models.sh") -> Comment {
        Comment(rawValue: "needs \(relative) under the models folder (SUPPORT_MODELS_DIR or models/); run \(script)")
    }
}

/// The downloaded checkpoints some tests use, relative to the models folder.
public enum Checkpoints {
    /// all-MiniLM-L6-v2 weights (`scripts/fetch-models.sh`).
    public static let miniLM = "all-minilm-l6-v2/model.safetensors"
    /// all-MiniLM-L6-v2 tokenizer (`scripts/fetch-models.sh`).
    public static let miniLMTokenizer = "all-minilm-l6-v2/tokenizer.json"
    /// SmolLM2-135M-Instruct Q4_1 (`scripts/fetch-models.sh`).
    public static let smolLM2 = "smollm2-135m-instruct/SmolLM2-135M-Instruct.Q4_1.gguf"
}
