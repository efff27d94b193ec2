import SupportModel
import Testing
import Understanding

/// A stand-in for a Transformer intent model: answers with fixed probabilities. The real
/// models arrive in later issues; these tests pin how their answers are combined.
struct FixedIntentClassifier: IntentClassifier {
    let scores: [IntentScore]
    func classifyIntent(_ text: String, language: Language) async throws -> [IntentScore] { scores }
}

/// A model that fails, as a model runtime can (out of memory, not loaded).
struct FailingModel: IntentClassifier, SentimentClassifier, EntityRecognizer {
    var entityTypes: Set<EntityType> { [.product] }
    func classifyIntent(_ text: String, language: Language) async throws -> [IntentScore] {
        throw UnderstandingError(code: .modelFailed, detail: "not loaded", isRetriable: true)
    }
    func classifySentiment(_ text: String, language: Language) async throws -> Sentiment {
        throw UnderstandingError(code: .modelFailed, detail: "not loaded", isRetriable: true)
    }
    func recognizeEntities(_ text: String, language: Language) async throws -> [Entity] {
        throw UnderstandingError(code: .modelFailed, detail: "not loaded", isRetriable: true)
    }
}

/// An entity model that reports fixed spans, valid or not.
struct FixedEntityRecognizer: EntityRecognizer {
    let entities: [Entity]
    var entityTypes: Set<EntityType> { [.product] }
    func recognizeEntities(_ text: String, language: Language) async throws -> [Entity] { entities }
}

@Suite struct HybridAnalyzerTests {
    let context = AnalysisContext(referenceDay: Analyze.referenceDay)
    let text = "my bluetooth headphones broke, order 202611150001"

    @Test func withoutModelsItAnswersLikeTheRules() async throws {
        let hybrid = try await HybridAnalyzer().analyze(text, context: context)
        #expect(hybrid == (try Analyze.message(text)))
    }

    @Test func failingModelsFallBackToTheRules() async throws {
        let hybrid = HybridAnalyzer(intentClassifier: FailingModel(), sentimentClassifier: FailingModel(), entityRecognizer: FailingModel())
        #expect(try await hybrid.analyze(text, context: context) == (try Analyze.message(text)))
    }

    @Test func anIntentModelReplacesTheRulesIntentButNotTheirEntitiesOrCues() async throws {
        let model = FixedIntentClassifier(scores: [
            IntentScore(intent: .exchangeRequest, probability: 0.2), IntentScore(intent: .returnRequest, probability: 0.7),
            IntentScore(intent: .complaint, probability: 0.05), IntentScore(intent: .chitchat, probability: 0.05),
        ])
        let analysis = try await HybridAnalyzer(intentClassifier: model).analyze(text, context: context)
        #expect(analysis.intent == .returnRequest)
        #expect(analysis.intentConfidence == 0.7)
        #expect(analysis.intentCandidates.map(\.intent) == [.returnRequest, .exchangeRequest, .complaint])
        #expect(analysis.entities(of: .orderID).map(\.text) == ["202611150001"])
    }

    @Test func unusableModelAnswersAreIgnored() async throws {
        let rules = try Analyze.message(text)
        let outOfRange = FixedIntentClassifier(scores: [IntentScore(intent: .invoice, probability: 1.5)])
        let empty = FixedIntentClassifier(scores: [])
        #expect(try await HybridAnalyzer(intentClassifier: outOfRange).analyze(text, context: context).intent == rules.intent)
        #expect(try await HybridAnalyzer(intentClassifier: empty).analyze(text, context: context).intent == rules.intent)
    }

    @Test func modelEntitiesReplaceTheirTypeWhenTheirOffsetsAreExact() async throws {
        let good = Entity(type: .product, text: "bluetooth headphones", start: 3, end: 23, normalized: nil)
        let wrongText = Entity(type: .product, text: "headset", start: 3, end: 10, normalized: nil)
        let outside = Entity(type: .product, text: "x", start: 90, end: 91, normalized: nil)
        let overOrder = Entity(type: .product, text: "202611150001", start: 37, end: 49, normalized: nil)
        let model = FixedEntityRecognizer(entities: [good, wrongText, outside, overOrder])
        let analysis = try await HybridAnalyzer(entityRecognizer: model).analyze(text, context: context)
        #expect(analysis.entities(of: .product) == [good])
        #expect(analysis.entities(of: .orderID).map(\.text) == ["202611150001"])
    }
}
