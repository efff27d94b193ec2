import Foundation
import JSONSchema
import SupportModel
import SupportTools
import Testing
import Understanding

/// Scores the rule-based analyzer on the hand-labelled evaluation set and prints the figures
/// (`swift test --filter EvaluationTests`; set `UNDERSTANDING_EVAL_MISSES=1` to list misses).
/// The floors are set below the measured figures with room for lexicon edits, and fail on
/// a real regression. (The rules are the fallback of the Transformer analyzer; its own
/// figures are in TransformerUnderstandingTests.)
@Suite struct EvaluationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Every example of `Fixtures/eval.jsonl` with its split (`dev` or `holdout`).
    static func load() throws -> [(message: LabelledMessage, split: String)] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("eval.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").enumerated().map { index, line in
            let message = try LabelledMessage(line: String(line), number: index + 1)
            let split = try JSONValue.parse(String(line))["split"]?.stringValue ?? "dev"
            return (message, split)
        }
    }

    static func score(_ messages: [LabelledMessage]) async -> UnderstandingEvaluation {
        await UnderstandingEvaluation.run(messages, analyzer: RuleBasedAnalyzer(), referenceDay: CalendarDay.today())
    }

    @Test func evaluationSetIsLargeAndCoversEveryIntentAndLanguage() throws {
        let messages = try Self.load().map(\.message)
        #expect(messages.count >= 400)
        #expect(Set(messages.compactMap(\.intent)) == Set(Intent.allCases))
        #expect(Set(messages.compactMap(\.language)) == Set(Language.allCases))
        #expect(Set(messages.flatMap { ($0.entities ?? []).map(\.type) }) == Set(EntityType.allCases))
        #expect(messages.allSatisfy { $0.referenceDay != nil })
    }

    @Test func everyEntityOffsetOfEveryExampleIsExact() throws {
        for (message, _) in try Self.load() {
            let analysis = try RuleBasedAnalyzer().analysis(of: message.text, context: AnalysisContext(referenceDay: message.referenceDay!))
            let scalars = Array(message.text.unicodeScalars)
            for entity in analysis.entities {
                #expect(String(String.UnicodeScalarView(scalars[entity.start..<entity.end])) == entity.text, "\(message.id): \(entity)")
            }
            for cue in analysis.cues {
                #expect(String(String.UnicodeScalarView(scalars[cue.start..<cue.end])) == cue.text, "\(message.id): \(cue)")
            }
        }
    }

    @Test func scoresMeetTheirFloorsAndArePrinted() async throws {
        let examples = try Self.load()
        let evaluation = await Self.score(examples.map(\.message))
        let holdout = await Self.score(examples.filter { $0.split == "holdout" }.map(\.message))
        print(evaluation.report(title: "Rules on the evaluation set (Fixtures/eval.jsonl)"))
        print("held-out part: intent accuracy \(holdout.overall.intentAccuracy), macro-F1 \(holdout.overall.intentMacroF1)")
        if ProcessInfo.processInfo.environment["UNDERSTANDING_EVAL_MISSES"] != nil {
            print(evaluation.missLines().joined(separator: "\n"))
        }
        let all = evaluation.overall
        #expect(all.intentAccuracy >= 0.88)
        #expect(holdout.overall.intentAccuracy >= 0.85)
        #expect(all.intentMacroF1 >= 0.88)
        #expect(all.calibrationError <= 0.12)
        #expect(all.sentimentAccuracy >= 0.85)
        #expect(all.languageAccuracy >= 0.97)
        #expect(all.normalizedAccuracy >= 0.95)
        #expect(all.conditionAccuracy >= 0.75)
        #expect(all.variantAccuracy >= 0.85)
        let entityFloors: [EntityType: (precision: Double, recall: Double)] = [
            .orderID: (0.95, 0.90), .trackingNumber: (0.95, 0.90), .phone: (0.95, 0.90), .email: (0.95, 0.90),
            .amount: (0.95, 0.90), .date: (0.90, 0.90), .product: (0.90, 0.85),
        ]
        for (type, floor) in entityFloors {
            let counts = all.entities[type] ?? LabelCounts()
            #expect(counts.precision >= floor.precision, "\(type.rawValue) precision")
            #expect(counts.recall >= floor.recall, "\(type.rawValue) recall")
        }
        for kind in EscalationCueKind.allCases {
            let counts = all.cues[kind] ?? LabelCounts()
            #expect(counts.precision >= 0.95, "\(kind.rawValue) precision")
            #expect(counts.recall >= 0.90, "\(kind.rawValue) recall")
        }
    }
}
