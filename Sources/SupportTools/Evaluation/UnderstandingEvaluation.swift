import Foundation
import JSONSchema
import SupportModel
import Understanding

/// The core of `support-worker eval-nlu`: runs an analyzer over labelled messages and scores
/// it, overall and per language (the gold language where labelled, the detected one otherwise).
public struct UnderstandingEvaluation: Sendable {
    /// One message's outcome.
    public struct Outcome: Sendable {
        public var message: LabelledMessage
        public var analysis: MessageAnalysis?
        /// Why the analyzer refused the message, when it did.
        public var error: String?
        /// What it got wrong.
        public var misses: [String]
    }

    public private(set) var overall = UnderstandingScores()
    public private(set) var byLanguage: [Language: UnderstandingScores] = [:]
    /// Messages the analyzer refused (too long, empty after cleaning).
    public private(set) var refused: [Outcome] = []
    public private(set) var outcomes: [Outcome] = []

    public init() {}

    /// One analyzed message of a run.
    struct Answer: Sendable {
        var index: Int
        var analysis: MessageAnalysis?
        var error: String?
    }

    /// Reads an evaluation file: JSON Lines, or the project's labelled-message format when
    /// the first non-blank line does not start with `{` (blank lines and `#` comments
    /// skipped). The first bad line is an error naming it.
    public static func read(_ text: String, referenceDay: CalendarDay? = nil) throws(LabelledMessageError) -> [LabelledMessage] {
        var messages: [LabelledMessage] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        let jsonLines = lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?
            .trimmingCharacters(in: .whitespaces).hasPrefix("{") ?? true
        for (index, line) in lines.enumerated() {
            if jsonLines {
                guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                messages.append(try LabelledMessage(line: line, number: index + 1))
            } else if let message = try LabelledMessage(labelledLine: line, number: index + 1, referenceDay: referenceDay) {
                messages.append(message)
            }
        }
        return messages
    }

    /// Analyzes every message (up to `concurrency` at once, so a pooled model batches them)
    /// and scores the answers. Relative dates count from each message's `reference_date`, or
    /// from `referenceDay`.
    public static func run(
        _ messages: [LabelledMessage], analyzer: any MessageAnalyzer, referenceDay: CalendarDay, concurrency: Int = 16
    ) async -> UnderstandingEvaluation {
        let width = max(1, concurrency)
        let results = await withTaskGroup(of: Answer.self, returning: [Answer?].self) { group in
            var answers = [Answer?](repeating: nil, count: messages.count)
            var next = 0
            var running = 0
            while next < messages.count || running > 0 {
                while next < messages.count && running < width {
                    let index = next
                    let message = messages[index]
                    group.addTask {
                        let context = AnalysisContext(locale: message.locale, referenceDay: message.referenceDay ?? referenceDay)
                        do {
                            return Answer(index: index, analysis: try await analyzer.analyze(message.text, context: context), error: nil)
                        } catch {
                            return Answer(index: index, analysis: nil, error: "\(error)")
                        }
                    }
                    next += 1
                    running += 1
                }
                guard let answer = await group.next() else { break }
                running -= 1
                answers[answer.index] = answer
            }
            return answers
        }
        var evaluation = UnderstandingEvaluation()
        for (message, answer) in zip(messages, results) {
            evaluation.add(message, analysis: answer?.analysis, error: answer?.error)
        }
        return evaluation
    }

    mutating func add(_ message: LabelledMessage, analysis: MessageAnalysis?, error: String?) {
        guard let analysis else {
            let outcome = Outcome(message: message, analysis: nil, error: error ?? "no analysis", misses: [])
            refused.append(outcome)
            outcomes.append(outcome)
            return
        }
        let misses = overall.add(message, analysis)
        byLanguage[message.language ?? analysis.language, default: UnderstandingScores()].add(message, analysis)
        outcomes.append(Outcome(message: message, analysis: analysis, error: nil, misses: misses))
    }

    // MARK: Reports

    /// The human-readable report.
    public func report(title: String) -> String {
        let f = UnderstandingScores.format
        let columns: [(String, UnderstandingScores)] =
            [("all", overall)] + Language.allCases.compactMap { language in byLanguage[language].map { (language.rawValue, $0) } }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        func row(_ name: String, _ value: (UnderstandingScores) -> String) -> String {
            pad(name, 28) + columns.map { pad(value($0.1), 9) }.joined()
        }
        var lines = ["\(title): \(overall.messages) messages scored" + (refused.isEmpty ? "" : ", \(refused.count) refused by the analyzer")]
        lines.append(pad("", 28) + columns.map { pad($0.0, 9) }.joined())
        lines.append(row("messages") { String($0.messages) })
        if overall.intentLabelled > 0 {
            lines.append(row("intent macro-F1") { f($0.intentMacroF1) })
            lines.append(row("intent accuracy") { f($0.intentAccuracy) })
            lines.append(row("intent calibration (ECE)") { f($0.calibrationError) })
        }
        if overall.sentimentLabelled > 0 { lines.append(row("sentiment accuracy") { f($0.sentimentAccuracy) }) }
        if overall.languageLabelled > 0 { lines.append(row("language accuracy") { f($0.languageAccuracy) }) }
        if overall.entityLabelled > 0 {
            lines.append(row("entity F1, structured types") { f($0.structuredEntities.f1) })
            lines.append(row("entity F1, all types") { f($0.allEntities.f1) })
            lines.append(row("normalized values") { f($0.normalizedAccuracy) })
        }
        if overall.mustEscalate > 0 {
            lines.append(row("must-escalate recall") { "\(f($0.escalationRecall))" })
            lines.append(row("  (messages)") { "\($0.mustEscalateFlagged)/\($0.mustEscalate)" })
            lines.append(row("cue raised without need") { f($0.falseEscalationRate) })
        }
        if overall.conditionChecked > 0 { lines.append(row("claimed condition accuracy") { f($0.conditionAccuracy) }) }
        if overall.variantChecked > 0 { lines.append(row("requested variant accuracy") { f($0.variantAccuracy) }) }

        if overall.intentLabelled > 0 {
            lines.append("")
            lines.append(pad("intent", 24) + "P        R        F1       support")
            for intent in Intent.allCases {
                guard let counts = overall.intents[intent] else { continue }
                lines.append(pad("  " + intent.rawValue, 24) + [f(counts.precision), f(counts.recall), f(counts.f1)].map { pad($0, 9) }.joined() + String(counts.support))
            }
            let confusions = overall.topConfusions(10)
            if !confusions.isEmpty {
                lines.append("top confusions (gold → predicted: count)")
                for (pair, count) in confusions {
                    lines.append("  \(pair.gold.rawValue) → \(pair.predicted.rawValue): \(count)")
                }
            }
            lines.append("intent accuracy by confidence")
            for (low, high) in [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.0001)] {
                let inRange = overall.confidences.filter { $0.confidence >= low && $0.confidence < high }
                let right = inRange.filter(\.correct).count
                lines.append("  [\(f(low)), \(f(min(high, 1)))\(high > 1 ? "]" : ")")  accuracy \(inRange.isEmpty ? "  -  " : f(ratio(right, inRange.count)))  n=\(inRange.count)")
            }
        }
        if overall.sentimentLabelled > 0 {
            lines.append("")
            lines.append("sentiment confusion (rows gold, columns predicted)")
            lines.append(pad("", 12) + SentimentLabel.allCases.map { pad($0.rawValue, 10) }.joined())
            for gold in SentimentLabel.allCases {
                let row = overall.sentimentConfusion[gold] ?? [:]
                lines.append(pad("  " + gold.rawValue, 12) + SentimentLabel.allCases.map { pad(String(row[$0] ?? 0), 10) }.joined())
            }
        }
        if overall.entityLabelled > 0 {
            lines.append("")
            lines.append(pad("entities (exact span)", 24) + "P        R        F1       support  | overlap P  R")
            for type in EntityType.allCases {
                guard let counts = overall.entities[type] else { continue }
                let overlap = overall.entitiesOverlapping[type] ?? LabelCounts()
                lines.append(
                    pad("  " + type.rawValue, 24) + [f(counts.precision), f(counts.recall), f(counts.f1)].map { pad($0, 9) }.joined()
                        + pad(String(counts.support), 9) + "| " + f(overlap.precision) + "  " + f(overlap.recall))
            }
        }
        if overall.cuesLabelled > 0 {
            lines.append("")
            lines.append(pad("escalation cues", 24) + "P        R        support")
            for kind in EscalationCueKind.allCases {
                let counts = overall.cues[kind] ?? LabelCounts()
                lines.append(pad("  " + kind.rawValue, 24) + [f(counts.precision), f(counts.recall)].map { pad($0, 9) }.joined() + String(counts.support))
            }
        }
        for outcome in refused.prefix(5) {
            lines.append("refused \(outcome.message.id): \(outcome.error ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    /// The main figures as one JSON object (for scripts and the closing notes).
    public func summary() -> JSONValue {
        func figures(_ s: UnderstandingScores) -> JSONValue {
            var object: [String: JSONValue] = ["messages": .int(Int64(s.messages))]
            if s.intentLabelled > 0 {
                object["intent_macro_f1"] = .double(Self.rounded(s.intentMacroF1))
                object["intent_accuracy"] = .double(Self.rounded(s.intentAccuracy))
                object["intent_ece"] = .double(Self.rounded(s.calibrationError))
            }
            if s.sentimentLabelled > 0 { object["sentiment_accuracy"] = .double(Self.rounded(s.sentimentAccuracy)) }
            if s.languageLabelled > 0 { object["language_accuracy"] = .double(Self.rounded(s.languageAccuracy)) }
            if s.entityLabelled > 0 {
                object["entity_f1_structured"] = .double(Self.rounded(s.structuredEntities.f1))
                object["entity_f1_all"] = .double(Self.rounded(s.allEntities.f1))
                var types: [String: JSONValue] = [:]
                for (type, counts) in s.entities {
                    types[type.rawValue] = .object([
                        "precision": .double(Self.rounded(counts.precision)), "recall": .double(Self.rounded(counts.recall)),
                        "f1": .double(Self.rounded(counts.f1)), "support": .int(Int64(counts.support)),
                    ])
                }
                object["entities"] = .object(types)
            }
            if s.mustEscalate > 0 {
                object["must_escalate_recall"] = .double(Self.rounded(s.escalationRecall))
                object["must_escalate"] = .int(Int64(s.mustEscalate))
            }
            if s.mayStay > 0 { object["false_escalation_rate"] = .double(Self.rounded(s.falseEscalationRate)) }
            return .object(object)
        }
        var languages: [String: JSONValue] = [:]
        for (language, scores) in byLanguage { languages[language.rawValue] = figures(scores) }
        return .object(["all": figures(overall), "by_language": .object(languages), "refused": .int(Int64(refused.count))])
    }

    /// One JSON line per message with a miss: the id, text and what went wrong.
    public func missLines() -> [String] {
        outcomes.compactMap { outcome in
            guard outcome.error != nil || !outcome.misses.isEmpty else { return nil }
            var object: [String: JSONValue] = ["id": .string(outcome.message.id), "text": .string(outcome.message.text)]
            if let error = outcome.error { object["error"] = .string(error) }
            if !outcome.misses.isEmpty { object["misses"] = .array(outcome.misses.map(JSONValue.string)) }
            return JSONValue.object(object).serialized()
        }
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
