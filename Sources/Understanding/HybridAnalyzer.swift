import SupportModel

/// Combines model classifiers with the rule-based analyzer: the rules always run (they are
/// cheap and find cues, codes, amounts, dates, conditions and variants); a model, where one
/// is given, replaces the rules' intent, sentiment or entities of its types. A model that
/// throws, or answers with something unusable (no intents, probabilities outside 0...1,
/// offsets outside the text), is ignored for that message and the rules' answer stands, so
/// a failing model degrades understanding instead of stopping the worker.
public struct HybridAnalyzer: MessageAnalyzer {
    /// The rule-based analyzer underneath.
    public var rules: RuleBasedAnalyzer
    /// The intent model, if any.
    public var intentClassifier: (any IntentClassifier)?
    /// The sentiment model, if any.
    public var sentimentClassifier: (any SentimentClassifier)?
    /// The entity model, if any.
    public var entityRecognizer: (any EntityRecognizer)?

    public init(
        rules: RuleBasedAnalyzer = RuleBasedAnalyzer(), intentClassifier: (any IntentClassifier)? = nil,
        sentimentClassifier: (any SentimentClassifier)? = nil, entityRecognizer: (any EntityRecognizer)? = nil
    ) {
        self.rules = rules
        self.intentClassifier = intentClassifier
        self.sentimentClassifier = sentimentClassifier
        self.entityRecognizer = entityRecognizer
    }

    public func analyze(_ text: String, context: AnalysisContext) async throws -> MessageAnalysis {
        var analysis = try rules.analysis(of: text, context: context)
        if let intentClassifier, let ranked = try? await intentClassifier.classifyIntent(text, language: analysis.replyLanguage),
            ranked.allSatisfy({ (0...1).contains($0.probability) })
        {
            let sorted = ranked.sorted { $0.probability > $1.probability }
            if let top = sorted.first {
                analysis.intent = top.intent
                analysis.intentConfidence = top.probability
                analysis.intentCandidates = Array(sorted.prefix(3))
            }
        }
        if let sentimentClassifier,
            let sentiment = try? await sentimentClassifier.classifySentiment(text, language: analysis.replyLanguage),
            (0...1).contains(sentiment.score)
        {
            analysis.sentiment = sentiment
        }
        if let entityRecognizer, let found = try? await entityRecognizer.recognizeEntities(text, language: analysis.replyLanguage) {
            analysis.entities = merge(found, into: analysis.entities, types: entityRecognizer.entityTypes, text: text)
        }
        return analysis
    }

    /// The rules' entities with those of `types` replaced by the model's valid ones; a model
    /// entity overlapping a rule entity of another type (an order number) is dropped.
    private func merge(_ found: [Entity], into ruled: [Entity], types: Set<EntityType>, text: String) -> [Entity] {
        let scalars = Array(text.unicodeScalars)
        let kept = ruled.filter { !types.contains($0.type) }
        let valid = found.filter { entity in
            guard types.contains(entity.type), entity.start >= 0, entity.start < entity.end, entity.end <= scalars.count else {
                return false
            }
            var span = ""
            span.unicodeScalars.append(contentsOf: scalars[entity.start..<entity.end])
            return span == entity.text && !kept.contains { $0.start < entity.end && entity.start < $0.end }
        }
        return (kept + valid).sorted { $0.start < $1.start }
    }
}
