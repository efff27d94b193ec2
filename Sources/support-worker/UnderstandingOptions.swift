import CommandLineOptions
import Foundation
import TransformerUnderstanding

/// Options of the commands that understand messages (`run`, `analyze`, `eval-nlu`, `demo`,
/// `loadgen`).
enum UnderstandingOptions {
    static let specs: [OptionSpec] = [
        OptionSpec(
            "nlu", env: "SUPPORT_NLU", kind: .value(placeholder: "MODE"),
            help: "How messages are understood: model (the fine-tuned Transformer; the rules answer when it fails) or rules (the hand-written rules alone).",
            default: "model"),
        OptionSpec(
            "nlu-model", env: "SUPPORT_NLU_MODEL", kind: .value(placeholder: "DIR"),
            help: "Folder of the understanding model (model.gguf and tokenizer.json); default: the model shipped in assets/models/understanding."),
        OptionSpec(
            "nlu-threads", env: "SUPPORT_NLU_THREADS", kind: .value(placeholder: "N"),
            help: "Compute threads of the inference pool that runs the model.", default: "2"),
        OptionSpec(
            "nlu-timeout", env: "SUPPORT_NLU_TIMEOUT", kind: .value(placeholder: "DURATION"),
            help: "How long a message waits for the model before the rules answer it alone.", default: "5s"),
    ]

    static func settings(_ options: ParsedOptions) throws -> UnderstandingSettings {
        var settings = UnderstandingSettings()
        let mode = options.string("nlu") ?? "model"
        let directory = options.string("nlu-model")
        switch mode {
        case "model":
            settings.choice = .model(directory: directory)
        case "rules":
            guard directory == nil else { throw UsageError("--nlu-model needs --nlu model (it is \"rules\")") }
            settings.choice = .rules
        default:
            throw UsageError("--nlu must be model or rules, got \"\(mode)\"")
        }
        settings.threads = try options.int("nlu-threads", in: 1...64) ?? 2
        settings.timeout = try options.duration("nlu-timeout") ?? .seconds(5)
        guard settings.timeout > .zero else { throw UsageError("--nlu-timeout must be positive") }
        return settings
    }

    /// Loads the analyzer; a missing or corrupt model is a usage error naming the file.
    static func engine(_ options: ParsedOptions, onFailure: @escaping @Sendable (any Error) -> Void = { _ in }) throws -> UnderstandingEngine {
        let settings = try settings(options)
        do {
            return try UnderstandingEngine(settings: settings, onFailure: onFailure)
        } catch let error as UnderstandingModelError {
            throw UsageError("understanding model: \(error.description)")
        }
    }
}
