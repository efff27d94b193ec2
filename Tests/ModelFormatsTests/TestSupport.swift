import Foundation

/// Locates the package root and the optional real checkpoints.
enum TestPaths {
    /// The package root (three levels above this file).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `SUPPORT_MODELS_DIR`, or `models/` at the package root.
    static var modelsDirectory: URL {
        if let custom = ProcessInfo.processInfo.environment["SUPPORT_MODELS_DIR"], !custom.isEmpty {
            return URL(fileURLWithPath: custom)
        }
        return packageRoot.appendingPathComponent("models")
    }

    /// The path of `relative` under the models folder when it exists; otherwise prints why the
    /// caller skips and returns nil.
    static func model(_ relative: String) -> String? {
        let path = modelsDirectory.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: path) { return path }
        print("skipped: \(relative) not found under \(modelsDirectory.path); run scripts/fetch-models.sh")
        return nil
    }

    /// A committed fixture under Tests/InferenceRuntimeTests/Fixtures.
    static func runtimeFixture(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Tests/InferenceRuntimeTests/Fixtures").appendingPathComponent(relative).path
    }
}
