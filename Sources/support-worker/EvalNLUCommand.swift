import CommandLineOptions
import Foundation
import Synchronization
import SupportTools
import TransformerUnderstanding
import Understanding

/// `eval-nlu`: scores the understanding on labelled messages.
enum EvalNLUCommand: Subcommand {
    static let spec = CommandSpec(
        name: "eval-nlu",
        summary: "Score the understanding on labelled messages: intents, entities, sentiment, escalation.",
        discussion: """
            Reads JSON Lines: analyze's input ({"id", "text"}, optional "locale" and "reference_date") plus the
            gold labels, each optional: "intent", "sentiment", "language", "entities" (type with start/end in
            Unicode characters or with its text, optional "normalized"), "cues" (human_request, legal_threat,
            safety) or "must_escalate", "claimed_condition", "requested_variant". Prints, overall and per
            language (zh, en, mixed): intent macro-F1, accuracy, per-intent precision/recall/F1 and the top
            confusions, the expected calibration error of the intent confidence, sentiment accuracy and
            confusion, entity precision/recall/F1 by type (exact spans), recall of must-escalate messages, and
            the claimed condition and variant accuracy. The project's labelled-message files
            (training/data/test/test.source.txt: "<intent> <sentiment> <language> [cues=…] :: text with
            [span](type)") are read as they are. A malformed line stops the run with its line number.
            """,
        options: [
            OptionSpec("data", env: nil, kind: .value(placeholder: "FILE"), help: "The labelled messages (JSON Lines)."),
            OptionSpec(
                "reference-date", env: nil, kind: .value(placeholder: "YYYY-MM-DD"),
                help: "Day relative dates count from for lines without reference_date; default today."),
            OptionSpec("misses", env: nil, kind: .value(placeholder: "FILE"), help: "Also write every message with a miss, and what was missed, as JSON Lines."),
            OptionSpec("summary", env: nil, kind: .value(placeholder: "FILE"), help: "Also write the main figures as one JSON object."),
        ] + UnderstandingOptions.specs)

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let path = try options.required("data")
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read --data \(path)") }
        guard let text = String(bytes: data, encoding: .utf8) else { throw UsageError("--data \(path) is not UTF-8 text") }
        var day = CalendarDay.today()
        if let value = options.string("reference-date") {
            guard let parsed = try? CalendarDay(iso: value) else { throw UsageError("--reference-date must be YYYY-MM-DD, got \"\(value)\"") }
            day = parsed
        }
        let messages: [LabelledMessage]
        do {
            messages = try UnderstandingEvaluation.read(text, referenceDay: day)
        } catch {
            throw UsageError("--data \(path): \(error.description)")
        }
        guard !messages.isEmpty else { throw UsageError("--data \(path) holds no messages") }
        let failures = FailureCounter()
        let engine = try UnderstandingOptions.engine(options) { _ in failures.increment() }
        defer { engine.shutDown() }
        let started = ContinuousClock.now
        let evaluation = await UnderstandingEvaluation.run(messages, analyzer: engine.analyzer, referenceDay: day)
        let elapsed = ContinuousClock.now - started
        print(evaluation.report(title: "\(path) with \(engine.summary)"))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%d messages in %.1f s; the rules answered alone for %d (model failures)", messages.count, seconds, failures.value))
        if let missesPath = options.string("misses") {
            let lines = evaluation.missLines().joined(separator: "\n") + "\n"
            guard FileManager.default.createFile(atPath: missesPath, contents: Data(lines.utf8)) else {
                throw UsageError("cannot write --misses \(missesPath)")
            }
        }
        if let summaryPath = options.string("summary") {
            guard FileManager.default.createFile(atPath: summaryPath, contents: Data((evaluation.summary().serialized() + "\n").utf8)) else {
                throw UsageError("cannot write --summary \(summaryPath)")
            }
        }
        return ExitCode.success
    }
}

/// Counts model failures from any thread.
final class FailureCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
