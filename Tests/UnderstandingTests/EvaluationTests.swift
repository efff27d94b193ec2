import Foundation
import SupportModel
import Testing
import Understanding

/// Scores the rule-based analyzer on the hand-labelled evaluation set and prints the figures
/// (`swift test --filter EvaluationTests`; set `UNDERSTANDING_EVAL_MISSES=1` to list misses).
/// The floors are set below the measured figures with room for lexicon edits, and fail on
/// a real regression.
@Suite struct EvaluationTests {
    static let analyzer = RuleBasedAnalyzer()

    static func score(_ examples: [EvalExample]) throws -> EvaluationScores {
        var scores = EvaluationScores()
        for example in examples {
            let analysis = try analyzer.analysis(of: example.text, context: AnalysisContext(referenceDay: example.referenceDay))
            scores.add(example, analysis)
        }
        return scores
    }

    @Test func evaluationSetIsLargeAndCoversEveryIntentAndLanguage() throws {
        let examples = try EvalExample.load()
        #expect(examples.count >= 400)
        #expect(Set(examples.map(\.intent)) == Set(Intent.allCases))
        #expect(Set(examples.map(\.language)) == Set(Language.allCases))
        #expect(Set(examples.flatMap { $0.entities.map(\.type) }) == Set(EntityType.allCases))
    }

    @Test func everyEntityOffsetOfEveryExampleIsExact() throws {
        for example in try EvalExample.load() {
            let analysis = try Self.analyzer.analysis(of: example.text, context: AnalysisContext(referenceDay: example.referenceDay))
            let scalars = Array(example.text.unicodeScalars)
            for entity in analysis.entities {
                var slice = ""
                slice.unicodeScalars.append(contentsOf: scalars[entity.start..<entity.end])
                #expect(slice == entity.text, "\(example.id): \(entity)")
            }
            for cue in analysis.cues {
                var slice = ""
                slice.unicodeScalars.append(contentsOf: scalars[cue.start..<cue.end])
                #expect(slice == cue.text, "\(example.id): \(cue)")
            }
        }
    }

    @Test func scoresMeetTheirFloorsAndArePrinted() throws {
        let examples = try EvalExample.load()
        let all = try Self.score(examples)
        let dev = try Self.score(examples.filter { $0.split == "dev" })
        let holdout = try Self.score(examples.filter { $0.split == "holdout" })
        print(Self.report(all: all, dev: dev, holdout: holdout))
        if ProcessInfo.processInfo.environment["UNDERSTANDING_EVAL_MISSES"] != nil {
            print(all.misses.joined(separator: "\n"))
        }
        #expect(all.intentAccuracy >= 0.88)
        #expect(holdout.intentAccuracy >= 0.85)
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

    static func report(all: EvaluationScores, dev: EvaluationScores, holdout: EvaluationScores) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var lines = ["Understanding evaluation (\(all.examples) messages: \(dev.examples) dev, \(holdout.examples) held out)"]
        lines.append("                      all    dev  holdout")
        lines.append("intent accuracy     \(f(all.intentAccuracy))  \(f(dev.intentAccuracy))  \(f(holdout.intentAccuracy))")
        lines.append("intent macro-F1     \(f(all.intentMacroF1))  \(f(dev.intentMacroF1))  \(f(holdout.intentMacroF1))")
        lines.append("intent calibration  \(f(all.calibrationError))  \(f(dev.calibrationError))  \(f(holdout.calibrationError))  (expected calibration error, 10 bins)")
        lines.append("sentiment accuracy  \(f(all.sentimentAccuracy))  \(f(dev.sentimentAccuracy))  \(f(holdout.sentimentAccuracy))")
        lines.append("language accuracy   \(f(all.languageAccuracy))  \(f(dev.languageAccuracy))  \(f(holdout.languageAccuracy))")
        lines.append("condition accuracy  \(f(all.conditionAccuracy))  \(f(dev.conditionAccuracy))  \(f(holdout.conditionAccuracy))  (\(all.conditionChecked) with a gold or predicted condition)")
        lines.append("variant accuracy    \(f(all.variantAccuracy))  \(f(dev.variantAccuracy))  \(f(holdout.variantAccuracy))  (\(all.variantChecked) with a gold or predicted variant)")
        lines.append("normalized values   \(f(all.normalizedAccuracy))  (\(all.normalizedChecked) exact spans with a gold value)")
        lines.append("entities (exact span)     P      R     F1  support | overlap P   R")
        for type in EntityType.allCases {
            let c = all.entities[type] ?? LabelCounts()
            let o = all.entitiesOverlapping[type] ?? LabelCounts()
            lines.append("  \(type.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0))  \(f(c.precision))  \(f(c.recall))  \(f(c.f1))  \(String(c.support).padding(toLength: 4, withPad: " ", startingAt: 0)) | \(f(o.precision))  \(f(o.recall))")
        }
        lines.append("escalation cues            P      R  support")
        for kind in EscalationCueKind.allCases {
            let c = all.cues[kind] ?? LabelCounts()
            lines.append("  \(kind.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0))  \(f(c.precision))  \(f(c.recall))  \(c.support)")
        }
        lines.append("intent                     P      R     F1  support")
        for intent in Intent.allCases {
            let c = all.intents[intent] ?? LabelCounts()
            lines.append("  \(intent.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0))  \(f(c.precision))  \(f(c.recall))  \(f(c.f1))  \(c.support)")
        }
        lines.append("calibration: accuracy by confidence")
        for (low, high) in [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)] {
            let (accuracy, count) = all.accuracy(confidence: low..<high)
            lines.append("  [\(f(low)), \(f(min(high, 1))))  accuracy \(f(accuracy))  n=\(count)")
        }
        return lines.joined(separator: "\n")
    }
}
