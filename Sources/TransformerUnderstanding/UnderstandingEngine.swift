import Foundation
import InferenceRuntime
import Understanding

/// Which analyzer understands the messages.
public enum UnderstandingChoice: Sendable, Equatable {
    /// The Transformer model in a folder; nil: the model that ships with the worker.
    case model(directory: String?)
    /// The hand-written rules alone (no model is loaded).
    case rules
}

/// How messages are understood: the analyzer and the inference pool that serves its model.
public struct UnderstandingSettings: Sendable, Equatable {
    public var choice: UnderstandingChoice = .model(directory: nil)
    /// Compute threads of the inference pool.
    public var threads = 2
    /// Messages encoded together at most (dynamic batching of concurrent messages).
    public var maximumBatchSize = 16
    /// How long a message waits for the model before the rules answer alone.
    public var timeout: Duration = .seconds(5)

    public init() {}
}

/// The analyzer a command or the worker uses, with what serves it: the understanding model on
/// an `InferencePool`, or the rules alone. ``shutDown()`` stops the pool.
public final class UnderstandingEngine: Sendable {
    public let analyzer: any MessageAnalyzer
    /// The loaded model; nil for the rules.
    public let model: UnderstandingModel?
    /// The pool serving the model; nil for the rules.
    public let pool: InferencePool?

    /// The pool's name of the fine-tuned understanding encoder.
    public static let encoderName = "understanding"
    /// The pool's name of e5's own layers (sentence embeddings for knowledge-base retrieval).
    public static let retrievalEncoderName = "retrieval"

    /// Sentence embeddings for knowledge-base retrieval from the same model and pool; nil for
    /// the rules.
    public var retrievalEmbedder: RetrievalEmbedder? {
        guard let model, let pool else { return nil }
        return RetrievalEmbedder(model: model, pool: pool, encoderName: Self.retrievalEncoderName)
    }

    /// Loads what `settings` ask for. A missing or corrupt model is an error naming the file
    /// (a worker must not start half-blind); `onFailure` hears of each message the model
    /// could not read at run time (the rules answered it).
    public init(
        settings: UnderstandingSettings, onFailure: @escaping @Sendable (any Error) -> Void = { _ in }
    ) throws {
        switch settings.choice {
        case .rules:
            analyzer = RuleBasedAnalyzer()
            model = nil
            pool = nil
        case .model(let directory):
            let folder = try directory ?? UnderstandingModel.defaultDirectory()
            let model = try UnderstandingModel(directory: folder)
            guard settings.threads >= 1, settings.maximumBatchSize >= 1 else {
                throw UnderstandingModelError("the understanding model needs at least one thread and a batch size of at least one")
            }
            let pool = try InferencePool(
                encoders: [Self.encoderName: model.encoder, Self.retrievalEncoderName: model.encoder],
                encoderVariants: [Self.encoderName: UnderstandingModel.variant],
                configuration: InferencePoolConfiguration(
                    threadCount: settings.threads, maximumBatchSize: settings.maximumBatchSize))
            self.model = model
            self.pool = pool
            analyzer = TransformerAnalyzer(
                model: model, pool: pool, modelName: Self.encoderName, timeout: settings.timeout, onFailure: onFailure)
        }
    }

    /// A line for logs and command output: which analyzer runs.
    public var summary: String {
        guard let model, let pool else { return "rules" }
        return "model \(model.name) from \(model.directory) on \(pool.configuration.threadCount) thread(s)"
    }

    /// Stops the pool; requests still queued fail and their messages fall back to the rules.
    public func shutDown() {
        pool?.shutDown()
    }
}
