import Foundation
import JSONSchema
import KnowledgeBase
import SupportModel

/// One line of a knowledge-base question set:
/// `{"id","text","language","gold":[article ids],"must_mention":[…],"answerable":bool}`.
public struct KnowledgeBaseQuestion: Sendable {
    public var id: String
    public var text: String
    /// The question's language when the line gives it (zh, en, mixed).
    public var language: Language?
    /// Articles that answer it, best first (empty when unanswerable).
    public var gold: [String]
    public var mustMention: [String]
    public var answerable: Bool

    public init(line: String, number: Int) throws(ArticleLineError) {
        func fail(_ problem: String) -> ArticleLineError { ArticleLineError(line: number, problem: problem) }
        let fields: [String: JSONValue]
        switch JSONValue.objectMembers(line) {
        case .success(let members): fields = members
        case .failure(let problem): throw fail(problem.description)
        }
        func strings(_ key: String) throws(ArticleLineError) -> [String] {
            switch fields[key] {
            case nil, .null?: return []
            case .array(let items)?:
                var out: [String] = []
                for item in items {
                    guard case .string(let value) = item else { throw fail("\"\(key)\" must be a list of strings") }
                    out.append(value)
                }
                return out
            case let other?: throw fail("\"\(key)\" must be a list, got \(other.typeName)")
            }
        }
        id = fields["id"]?.stringValue ?? fields["id"]?.intValue.map { String($0) } ?? "line \(number)"
        guard let text = fields["text"]?.stringValue, !text.isEmpty else { throw fail("missing or empty \"text\"") }
        self.text = text
        if let code = fields["language"]?.stringValue {
            guard let language = Language(rawValue: code) else { throw fail("unknown language \"\(code)\" (zh, en or mixed)") }
            self.language = language
        }
        gold = try strings("gold")
        mustMention = try strings("must_mention")
        switch fields["answerable"] {
        case nil, .null?: answerable = !gold.isEmpty
        case .bool(let value)?: answerable = value
        case let other?: throw fail("\"answerable\" must be true or false, got \(other.typeName)")
        }
        if answerable && gold.isEmpty { throw fail("an answerable question needs \"gold\" articles") }
    }

    /// Reads JSON Lines (blank lines skipped); the first bad line stops the read with its number.
    public static func read(_ text: String) throws(ArticleLineError) -> [KnowledgeBaseQuestion] {
        var out: [KnowledgeBaseQuestion] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            out.append(try KnowledgeBaseQuestion(line: String(line), number: index + 1))
        }
        return out
    }
}

/// Retrieval figures over a question set: recall@1 and @5 (a gold article among the first one
/// or five), the mean reciprocal rank of the first gold article, and how often the first result
/// is the gold article in the question's language (`gold[0]`), per language and overall.
public struct RetrievalEvaluation: Sendable {
    public struct Scores: Sendable, Equatable {
        public var questions = 0
        public var hitsAt1 = 0
        public var hitsAt5 = 0
        public var reciprocalRanks = 0.0
        public var preferredFirst = 0

        public var recallAt1: Double { questions == 0 ? 0 : Double(hitsAt1) / Double(questions) }
        public var recallAt5: Double { questions == 0 ? 0 : Double(hitsAt5) / Double(questions) }
        public var meanReciprocalRank: Double { questions == 0 ? 0 : reciprocalRanks / Double(questions) }
        public var preferredLanguageAt1: Double { questions == 0 ? 0 : Double(preferredFirst) / Double(questions) }

        mutating func add(gold: [String], results: [String]) {
            questions += 1
            if let first = results.first, gold.contains(first) { hitsAt1 += 1 }
            if results.prefix(5).contains(where: gold.contains) { hitsAt5 += 1 }
            if let rank = results.firstIndex(where: gold.contains) { reciprocalRanks += 1 / Double(rank + 1) }
            if results.first == gold.first { preferredFirst += 1 }
        }
    }

    public struct Miss: Sendable {
        public var question: KnowledgeBaseQuestion
        public var results: [String]
    }

    public var overall = Scores()
    public var byLanguage: [Language: Scores] = [:]
    /// Best dense similarity of each answerable and each unanswerable question (what a
    /// decline threshold is chosen from).
    public var answerableSimilarities: [Double] = []
    public var unanswerableSimilarities: [Double] = []
    public var misses: [Miss] = []

    public init() {}

    /// Searches every question with `search` (question, language → ranked results).
    public static func run(
        _ questions: [KnowledgeBaseQuestion], language detect: (String) -> Language,
        search: (String, Language) async throws -> [RetrievalResult]
    ) async throws -> RetrievalEvaluation {
        var evaluation = RetrievalEvaluation()
        for question in questions {
            let language = question.language ?? detect(question.text)
            let results = try await search(question.text, language)
            let best = results.map(\.similarity).max() ?? 0
            guard question.answerable else {
                evaluation.unanswerableSimilarities.append(best)
                continue
            }
            evaluation.answerableSimilarities.append(best)
            let ids = results.map(\.passage.articleID)
            evaluation.overall.add(gold: question.gold, results: ids)
            evaluation.byLanguage[language, default: Scores()].add(gold: question.gold, results: ids)
            if ids.first.map(question.gold.contains) != true { evaluation.misses.append(Miss(question: question, results: ids)) }
        }
        return evaluation
    }

    public func report() -> String {
        var lines = ["retrieval           questions  recall@1  recall@5    MRR  own-language@1"]
        func row(_ name: String, _ s: Scores) {
            lines.append(String(
                format: "%@ %9d  %8.3f  %8.3f  %5.3f  %14.3f", name.padding(toLength: 19, withPad: " ", startingAt: 0),
                s.questions, s.recallAt1, s.recallAt5, s.meanReciprocalRank, s.preferredLanguageAt1))
        }
        row("all", overall)
        for language in Language.allCases { if let s = byLanguage[language] { row(language.rawValue, s) } }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        }
        lines.append(String(
            format: "best similarity, median: answerable %.3f (%d), unanswerable %.3f (%d)",
            median(answerableSimilarities), answerableSimilarities.count, median(unanswerableSimilarities),
            unanswerableSimilarities.count))
        return lines.joined(separator: "\n")
    }
}
