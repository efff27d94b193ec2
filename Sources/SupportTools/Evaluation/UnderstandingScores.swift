import SupportModel
import Understanding

/// Precision, recall and F1 counts for one label.
public struct LabelCounts: Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init() {}

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    /// Gold occurrences.
    public var support: Int { truePositives + falseNegatives }

    static func + (a: LabelCounts, b: LabelCounts) -> LabelCounts {
        var sum = LabelCounts()
        sum.truePositives = a.truePositives + b.truePositives
        sum.falsePositives = a.falsePositives + b.falsePositives
        sum.falseNegatives = a.falseNegatives + b.falseNegatives
        return sum
    }
}

/// `a / b`, and 1 for an empty denominator (nothing to get wrong).
func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }

/// How an analyzer did on a set of labelled messages. Each figure counts only the messages
/// that carry its label.
public struct UnderstandingScores: Sendable {
    public var messages = 0

    public var intentLabelled = 0
    public var intentCorrect = 0
    public var intents: [Intent: LabelCounts] = [:]
    /// (gold, predicted) → count, for the wrong ones.
    public var intentConfusions: [IntentPair: Int] = [:]
    /// (confidence, correct) per intent-labelled message.
    public var confidences: [ConfidencePoint] = []

    public var sentimentLabelled = 0
    public var sentimentCorrect = 0
    /// gold → predicted → count.
    public var sentimentConfusion: [SentimentLabel: [SentimentLabel: Int]] = [:]

    public var languageLabelled = 0
    public var languageCorrect = 0

    public var entityLabelled = 0
    /// Exact span and type.
    public var entities: [EntityType: LabelCounts] = [:]
    /// Any overlap with a span of the same type.
    public var entitiesOverlapping: [EntityType: LabelCounts] = [:]
    public var normalizedChecked = 0
    public var normalizedCorrect = 0

    public var cuesLabelled = 0
    public var cues: [EscalationCueKind: LabelCounts] = [:]
    /// Messages a human must see, and how many of them raised a cue.
    public var mustEscalate = 0
    public var mustEscalateFlagged = 0
    /// Messages labelled as not needing a human, and how many of them raised a cue.
    public var mayStay = 0
    public var mayStayFlagged = 0

    public var conditionChecked = 0
    public var conditionCorrect = 0
    public var variantChecked = 0
    public var variantCorrect = 0

    public init() {}

    public struct IntentPair: Sendable, Hashable {
        public var gold: Intent
        public var predicted: Intent
    }

    public struct ConfidencePoint: Sendable {
        public var confidence: Double
        public var correct: Bool
    }

    /// The structured entity types, whose F1 is reported together.
    public static let structuredTypes: [EntityType] = [.orderID, .trackingNumber, .phone, .email, .amount]

    /// Adds one message; returns what it got wrong, as sentences.
    @discardableResult
    public mutating func add(_ gold: LabelledMessage, _ analysis: MessageAnalysis) -> [String] {
        var misses: [String] = []
        messages += 1
        if let intent = gold.intent {
            intentLabelled += 1
            let right = analysis.intent == intent
            confidences.append(ConfidencePoint(confidence: analysis.intentConfidence, correct: right))
            if right {
                intentCorrect += 1
                intents[intent, default: .init()].truePositives += 1
            } else {
                intents[intent, default: .init()].falseNegatives += 1
                intents[analysis.intent, default: .init()].falsePositives += 1
                intentConfusions[IntentPair(gold: intent, predicted: analysis.intent), default: 0] += 1
                misses.append("intent \(intent.rawValue), got \(analysis.intent.rawValue) at \(Self.format(analysis.intentConfidence))")
            }
        }
        if let sentiment = gold.sentiment {
            sentimentLabelled += 1
            sentimentConfusion[sentiment, default: [:]][analysis.sentiment.label, default: 0] += 1
            if analysis.sentiment.label == sentiment {
                sentimentCorrect += 1
            } else {
                misses.append("sentiment \(sentiment.rawValue), got \(analysis.sentiment.label.rawValue)")
            }
        }
        if let language = gold.language {
            languageLabelled += 1
            if analysis.language == language {
                languageCorrect += 1
            } else {
                misses.append("language \(language.rawValue), got \(analysis.language.rawValue)")
            }
        }
        if let spans = gold.entities {
            entityLabelled += 1
            misses += addEntities(spans, analysis.entities, text: gold.text)
        }
        if let goldCues = gold.cues {
            cuesLabelled += 1
            let found = Set(analysis.cues.map(\.kind))
            for kind in EscalationCueKind.allCases {
                switch (goldCues.contains(kind), found.contains(kind)) {
                case (true, true): cues[kind, default: .init()].truePositives += 1
                case (true, false):
                    cues[kind, default: .init()].falseNegatives += 1
                    misses.append("missed cue \(kind.rawValue)")
                case (false, true):
                    cues[kind, default: .init()].falsePositives += 1
                    misses.append("spurious cue \(kind.rawValue)")
                case (false, false): break
                }
            }
        }
        if let must = gold.mustEscalate {
            let flagged = !analysis.cues.isEmpty
            if must {
                mustEscalate += 1
                if flagged { mustEscalateFlagged += 1 } else { misses.append("must escalate, raised no cue") }
            } else {
                mayStay += 1
                if flagged { mayStayFlagged += 1 }
            }
        }
        if let condition = gold.condition, condition != nil || analysis.claimedCondition != nil {
            conditionChecked += 1
            if condition == analysis.claimedCondition {
                conditionCorrect += 1
            } else {
                misses.append("condition \(condition?.rawValue ?? "none"), got \(analysis.claimedCondition?.rawValue ?? "none")")
            }
        }
        if let variant = gold.variant, variant != nil || analysis.requestedVariant != nil {
            variantChecked += 1
            if variant == analysis.requestedVariant {
                variantCorrect += 1
            } else {
                misses.append("variant \(variant ?? "none"), got \(analysis.requestedVariant ?? "none")")
            }
        }
        return misses
    }

    private mutating func addEntities(_ gold: [LabelledMessage.Span], _ found: [Entity], text: String) -> [String] {
        var misses: [String] = []
        let scalars = Array(text.unicodeScalars)
        func slice(_ start: Int, _ end: Int) -> String {
            guard start >= 0, end <= scalars.count, start < end else { return "?" }
            return String(String.UnicodeScalarView(scalars[start..<end]))
        }
        struct Key: Hashable {
            let type: EntityType
            let start: Int
            let end: Int
        }
        let goldKeys = Set(gold.map { Key(type: $0.type, start: $0.start, end: $0.end) })
        let foundKeys = Set(found.map { Key(type: $0.type, start: $0.start, end: $0.end) })
        for key in goldKeys.union(foundKeys) {
            switch (goldKeys.contains(key), foundKeys.contains(key)) {
            case (true, true): entities[key.type, default: .init()].truePositives += 1
            case (true, false):
                entities[key.type, default: .init()].falseNegatives += 1
                misses.append("missed \(key.type.rawValue) «\(slice(key.start, key.end))»")
            case (false, true):
                entities[key.type, default: .init()].falsePositives += 1
                misses.append("spurious \(key.type.rawValue) «\(slice(key.start, key.end))»")
            case (false, false): break
            }
        }
        for type in EntityType.allCases {
            let goldSpans = gold.filter { $0.type == type }
            let foundSpans = found.filter { $0.type == type }
            guard !goldSpans.isEmpty || !foundSpans.isEmpty else { continue }
            let matchedGold = goldSpans.filter { g in foundSpans.contains { $0.start < g.end && g.start < $0.end } }.count
            let matchedFound = foundSpans.filter { f in goldSpans.contains { $0.start < f.end && f.start < $0.end } }.count
            entitiesOverlapping[type, default: .init()].truePositives += matchedGold
            entitiesOverlapping[type, default: .init()].falseNegatives += goldSpans.count - matchedGold
            entitiesOverlapping[type, default: .init()].falsePositives += foundSpans.count - matchedFound
        }
        for span in gold {
            guard let expected = span.normalized,
                let match = found.first(where: { $0.type == span.type && $0.start == span.start && $0.end == span.end })
            else { continue }
            normalizedChecked += 1
            if match.normalized == expected {
                normalizedCorrect += 1
            } else {
                misses.append("\(span.type.rawValue) «\(slice(span.start, span.end))» normalized \(expected), got \(match.normalized ?? "none")")
            }
        }
        return misses
    }

    // MARK: Figures

    public var intentAccuracy: Double { ratio(intentCorrect, intentLabelled) }
    /// The mean F1 over the intents that occur (gold or predicted), as scikit-learn's macro-F1.
    public var intentMacroF1: Double {
        let scores = Intent.allCases.compactMap { intents[$0].map(\.f1) }
        return scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count)
    }
    public var sentimentAccuracy: Double { ratio(sentimentCorrect, sentimentLabelled) }
    public var languageAccuracy: Double { ratio(languageCorrect, languageLabelled) }
    public var normalizedAccuracy: Double { ratio(normalizedCorrect, normalizedChecked) }
    public var conditionAccuracy: Double { ratio(conditionCorrect, conditionChecked) }
    public var variantAccuracy: Double { ratio(variantCorrect, variantChecked) }
    /// Share of the must-escalate messages that raised a cue.
    public var escalationRecall: Double { ratio(mustEscalateFlagged, mustEscalate) }
    /// Share of the other messages that raised a cue anyway.
    public var falseEscalationRate: Double { mayStay == 0 ? 0 : Double(mayStayFlagged) / Double(mayStay) }
    /// Exact-span counts over the structured types together.
    public var structuredEntities: LabelCounts {
        Self.structuredTypes.reduce(LabelCounts()) { $0 + (entities[$1] ?? LabelCounts()) }
    }
    public var allEntities: LabelCounts { entities.values.reduce(LabelCounts(), +) }

    /// Expected calibration error of the intent confidence over ten equal-width bins.
    public var calibrationError: Double {
        var bins = Array(repeating: (confidence: 0.0, correct: 0.0), count: 10)
        for point in confidences {
            let bin = min(max(Int(point.confidence * 10), 0), 9)
            bins[bin].confidence += point.confidence
            bins[bin].correct += point.correct ? 1 : 0
        }
        return bins.reduce(0) { $0 + abs($1.confidence - $1.correct) } / Double(max(confidences.count, 1))
    }

    /// The most frequent wrong (gold, predicted) intent pairs, most frequent first.
    public func topConfusions(_ count: Int) -> [(pair: IntentPair, count: Int)] {
        intentConfusions.map { (pair: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.pair.gold.rawValue, $0.pair.predicted.rawValue) < ($0.count, $1.pair.gold.rawValue, $1.pair.predicted.rawValue) }
            .prefix(count).map { $0 }
    }

    static func format(_ value: Double) -> String {
        let scaled = Int((value * 1000).rounded())
        let whole = scaled / 1000
        let fraction = String(abs(scaled % 1000))
        return "\(whole).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
