import SupportModel
import Understanding

/// Precision, recall and F1 counts for one label.
struct LabelCounts {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0

    var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    var support: Int { truePositives + falseNegatives }
}

/// The scores of an analyzer on a set of labelled examples.
struct EvaluationScores {
    var examples = 0
    var intentCorrect = 0
    var intents: [Intent: LabelCounts] = [:]
    var languageCorrect = 0
    var sentimentCorrect = 0
    var entities: [EntityType: LabelCounts] = [:]
    var entitiesOverlapping: [EntityType: LabelCounts] = [:]
    var normalizedChecked = 0
    var normalizedCorrect = 0
    var cues: [EscalationCueKind: LabelCounts] = [:]
    var conditionChecked = 0
    var conditionCorrect = 0
    var variantChecked = 0
    var variantCorrect = 0
    /// (confidence, correct) per example, for calibration.
    var confidences: [(Double, Bool)] = []
    /// Human-readable misses, for the verbose report.
    var misses: [String] = []

    mutating func add(_ example: EvalExample, _ analysis: MessageAnalysis) {
        examples += 1
        let intentRight = analysis.intent == example.intent
        if intentRight {
            intentCorrect += 1
            intents[example.intent, default: .init()].truePositives += 1
        } else {
            intents[example.intent, default: .init()].falseNegatives += 1
            intents[analysis.intent, default: .init()].falsePositives += 1
            misses.append("\(example.id) intent \(example.intent.rawValue) got \(analysis.intent.rawValue) (\(analysis.intentConfidence)): \(example.text)")
        }
        confidences.append((analysis.intentConfidence, intentRight))
        if analysis.language == example.language {
            languageCorrect += 1
        } else {
            misses.append("\(example.id) language \(example.language.rawValue) got \(analysis.language.rawValue): \(example.text)")
        }
        if analysis.sentiment.label == example.sentiment {
            sentimentCorrect += 1
        } else {
            misses.append("\(example.id) sentiment \(example.sentiment.rawValue) got \(analysis.sentiment.label.rawValue): \(example.text)")
        }
        let gold = Set(example.entities.map { Key(type: $0.type, start: $0.start, end: $0.end) })
        let predicted = Set(analysis.entities.map { Key(type: $0.type, start: $0.start, end: $0.end) })
        for key in gold.union(predicted) {
            switch (gold.contains(key), predicted.contains(key)) {
            case (true, true): entities[key.type, default: .init()].truePositives += 1
            case (true, false):
                entities[key.type, default: .init()].falseNegatives += 1
                misses.append("\(example.id) missed \(key.type.rawValue) \(slice(example.text, key)): \(example.text)")
            case (false, true):
                entities[key.type, default: .init()].falsePositives += 1
                misses.append("\(example.id) spurious \(key.type.rawValue) \(slice(example.text, key)): \(example.text)")
            default: break
            }
        }
        for type in EntityType.allCases {
            let goldSpans = example.entities.filter { $0.type == type }
            let predictedSpans = analysis.entities.filter { $0.type == type }
            let matchedGold = goldSpans.filter { g in predictedSpans.contains { $0.start < g.end && g.start < $0.end } }.count
            let matchedPredicted = predictedSpans.filter { p in goldSpans.contains { $0.start < p.end && p.start < $0.end } }.count
            entitiesOverlapping[type, default: .init()].truePositives += matchedGold
            entitiesOverlapping[type, default: .init()].falseNegatives += goldSpans.count - matchedGold
            entitiesOverlapping[type, default: .init()].falsePositives += predictedSpans.count - matchedPredicted
        }
        for span in example.entities where span.normalized != nil {
            guard let found = analysis.entities.first(where: { $0.type == span.type && $0.start == span.start && $0.end == span.end })
            else { continue }
            normalizedChecked += 1
            if found.normalized == span.normalized {
                normalizedCorrect += 1
            } else {
                misses.append("\(example.id) normalized \(span.normalized!) got \(found.normalized ?? "nil"): \(example.text)")
            }
        }
        let foundCues = Set(analysis.cues.map(\.kind))
        for kind in EscalationCueKind.allCases {
            switch (example.cues.contains(kind), foundCues.contains(kind)) {
            case (true, true): cues[kind, default: .init()].truePositives += 1
            case (true, false):
                cues[kind, default: .init()].falseNegatives += 1
                misses.append("\(example.id) missed cue \(kind.rawValue): \(example.text)")
            case (false, true):
                cues[kind, default: .init()].falsePositives += 1
                misses.append("\(example.id) spurious cue \(kind.rawValue): \(example.text)")
            default: break
            }
        }
        if example.condition != nil || analysis.claimedCondition != nil {
            conditionChecked += 1
            if example.condition == analysis.claimedCondition {
                conditionCorrect += 1
            } else {
                misses.append("\(example.id) condition \(example.condition?.rawValue ?? "nil") got \(analysis.claimedCondition?.rawValue ?? "nil"): \(example.text)")
            }
        }
        if example.variant != nil || analysis.requestedVariant != nil {
            variantChecked += 1
            if example.variant == analysis.requestedVariant {
                variantCorrect += 1
            } else {
                misses.append("\(example.id) variant \(example.variant ?? "nil") got \(analysis.requestedVariant ?? "nil"): \(example.text)")
            }
        }
    }

    private struct Key: Hashable {
        let type: EntityType
        let start: Int
        let end: Int
    }

    private func slice(_ text: String, _ key: Key) -> String {
        let scalars = Array(text.unicodeScalars)
        guard key.start >= 0, key.end <= scalars.count, key.start < key.end else { return "?" }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars[key.start..<key.end])
        return "«\(out)»"
    }

    var intentAccuracy: Double { ratio(intentCorrect, examples) }
    var intentMacroF1: Double {
        let scores = Intent.allCases.compactMap { intents[$0].map(\.f1) }
        return scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count)
    }
    var languageAccuracy: Double { ratio(languageCorrect, examples) }
    var sentimentAccuracy: Double { ratio(sentimentCorrect, examples) }
    var conditionAccuracy: Double { ratio(conditionCorrect, conditionChecked) }
    var variantAccuracy: Double { ratio(variantCorrect, variantChecked) }
    var normalizedAccuracy: Double { ratio(normalizedCorrect, normalizedChecked) }

    /// Expected calibration error over ten confidence bins.
    var calibrationError: Double {
        var bins = Array(repeating: (confidence: 0.0, correct: 0.0), count: 10)
        for (confidence, correct) in confidences {
            let bin = min(Int(confidence * 10), 9)
            bins[bin].confidence += confidence
            bins[bin].correct += correct ? 1 : 0
        }
        return bins.reduce(0) { $0 + abs($1.confidence - $1.correct) } / Double(max(confidences.count, 1))
    }

    /// Accuracy of the examples whose confidence is in `range`, and how many there are.
    func accuracy(confidence range: Range<Double>) -> (Double, Int) {
        let inRange = confidences.filter { range.contains($0.0) }
        return (ratio(inRange.filter(\.1).count, inRange.count), inRange.count)
    }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
}
