import Foundation
import TestSupport

/// Locates the committed fixtures (the package root and checkpoints come from `RepositoryPaths`).
enum TestPaths {
    static var packageRoot: URL { RepositoryPaths.root }

    /// A committed fixture under Tests/InferenceRuntimeTests/Fixtures.
    static func runtimeFixture(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Tests/InferenceRuntimeTests/Fixtures").appendingPathComponent(relative).path
    }
}
