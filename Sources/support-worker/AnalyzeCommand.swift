import SupportTools
import SupportDatabase
import SupportPipeline
import CommandLineOptions
import Escalation
import Foundation
import Understanding
import Worker

/// `analyze`: JSON Lines `{"id", "text"}` in, one analysis per line out.
enum AnalyzeCommand: Subcommand {
    static let spec = CommandSpec(
        name: "analyze",
        summary: "Understand messages: JSON Lines {\"id\",\"text\"} in, analyses out.",
        discussion: """
            Reads JSON Lines from the files named (or standard input): {"id": …, "text": "…"}, optional
            "locale" and "reference_date" (YYYY-MM-DD, for relative dates; default today). Writes one line per
            input: language, intent and confidence, entities (type, text, start/end offsets in Unicode
            characters, normalized value), sentiment label and score, and whether the message alone would be
            escalated by the worker's rules, with the reasons (conversation, order and policy triggers need the
            worker). A bad line gives {"id", "error"}; the rest go on.
            """,
        options: [
            OptionSpec(
                "escalation-config", env: "SUPPORT_ESCALATION_CONFIG", kind: .value(placeholder: "FILE"),
                help: "Escalation configuration (which triggers are on, their thresholds); default: the shipped config/escalation.json."),
        ] + UnderstandingOptions.specs,
        positional: "FILE…")

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let escalation = try ConfigurationLoader.escalation(options.string("escalation-config"))
        // The worker's own rules, on what the message alone says.
        let rules = EscalationRules(configuration: escalation)
        let engine = try UnderstandingOptions.engine(options)
        defer { engine.shutDown() }
        let processor = AnalyzeProcessor(
            analyzer: engine.analyzer, escalationReasons: { MessageEscalation.reasons(for: $0, rules: rules) })
        let summary = try await JSONLinesRunner.run(inputs: options.positional, concurrency: 16) { bytes in
            switch utf8Line(bytes, idKey: "id") {
            case .failure(let error): return (error.line, true)
            case .success(let text):
                let line = await processor.process(line: text)
                return (line, isErrorLine(line))
            }
        }
        return JSONLinesRunner.exitCode(summary, command: "analyze")
    }
}
