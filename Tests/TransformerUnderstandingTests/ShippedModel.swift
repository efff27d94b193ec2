import Foundation
import InferenceRuntime
import TestSupport
import TransformerUnderstanding
import Understanding

/// The understanding model that ships in the repository, loaded once for all tests.
enum ShippedModel {
    static let directory = RepositoryPaths.path("assets/models/understanding")

    /// Loaded once; a model that does not load fails each test that needs it.
    private static let loaded = Result { try UnderstandingModel(directory: directory) }

    static var model: UnderstandingModel {
        get throws { try loaded.get() }
    }

    /// An analyzer on its own pool (each test suite may shut its pool down).
    static func analyzer(threads: Int = 2) throws -> (TransformerAnalyzer, InferencePool) {
        let model = try self.model
        let pool = try InferencePool(
            encoders: [UnderstandingEngine.encoderName: model.encoder],
            encoderVariants: [UnderstandingEngine.encoderName: UnderstandingModel.variant],
            configuration: InferencePoolConfiguration(threadCount: threads, maximumBatchSize: 16))
        // Generous: a debug build on a busy machine is slow, and a timeout would hide the model.
        let analyzer = TransformerAnalyzer(model: model, pool: pool, timeout: .seconds(600))
        return (analyzer, pool)
    }
}
