import Foundation
import SupportModel
import SupportTools
import Testing
import TestSupport
import TransformerUnderstanding
import Understanding

/// The shipped model on the held-out test set (`training/data/test/test.source.txt`, written
/// apart from the training data and never trained on). The floors sit below the figures
/// measured with a release build (`scripts/eval-nlu.sh`) with room for the debug build's
/// identical arithmetic; they fail on a real regression, such as a model trained or
/// exported wrongly. The figures are printed. Measured (release, `scripts/eval-nlu.sh`): intent
/// macro-F1 0.908 (zh 0.891, en 0.911, mixed 0.946), sentiment 0.929, structured entity F1
/// 0.926, must-escalate recall 0.972.
@Suite("Understanding on the held-out test set")
struct HeldOutEvaluationTests {
    @Test("intent, entities, sentiment and escalation meet their floors in every language")
    func heldOutFigures() async throws {
        let text = try String(contentsOfFile: RepositoryPaths.path("training/data/test/test.source.txt"), encoding: .utf8)
        let messages = try UnderstandingEvaluation.read(text, referenceDay: try CalendarDay(iso: "2026-11-20"))
        #expect(messages.count >= 1000)
        let (analyzer, pool) = try ShippedModel.analyzer()
        defer { pool.shutDown() }
        let evaluation = await UnderstandingEvaluation.run(
            messages, analyzer: analyzer, referenceDay: try CalendarDay(iso: "2026-11-20"), concurrency: 16)
        print(evaluation.report(title: "held-out test set, shipped model"))
        let all = evaluation.overall
        #expect(evaluation.refused.isEmpty)
        #expect(all.intentMacroF1 >= 0.88)
        #expect(all.sentimentAccuracy >= 0.90)
        #expect(all.escalationRecall >= 0.95)
        #expect(all.structuredEntities.f1 >= 0.90)
        for language in Language.allCases {
            #expect((evaluation.byLanguage[language]?.intentMacroF1 ?? 0) >= 0.86, "\(language)")
        }
    }
}
