import Foundation
import SupportModel

/// An answer from the knowledge base, or a decline.
public struct KnowledgeAnswer: Sendable, Equatable {
    /// Whether the help centre answered the question (false: the customer is offered a human).
    public var answered: Bool
    public var text: String
    /// The articles the text comes from (empty when declined).
    public var citations: [String]
    /// The best passage's similarity to the question: what `answered` was decided on.
    public var confidence: Double
}

/// Answers a question extractively from retrieved passages: the sentences of the best passage
/// in the reply's language that share the most words with the question, in their order,
/// under the article's title. Nothing is written that the passage does not say, and every
/// number in the answer is checked against the cited passage. Below `minimumSimilarity` (or
/// with no passage in the reply's language) it declines and offers a human instead of guessing.
public struct ExtractiveAnswerer: Sendable {
    /// Calibrated on the question set (`eval-kb` prints the similarity of answerable and
    /// unanswerable questions).
    public var minimumSimilarity: Double
    /// Sentences quoted at most.
    public var maximumSentences = 3
    /// A passage at most this long (scalars) is quoted whole.
    public var wholePassageLength = 180

    public init(minimumSimilarity: Double) {
        self.minimumSimilarity = minimumSimilarity
    }

    public func answer(_ question: String, replyLanguage: Language, results: [RetrievalResult]) -> KnowledgeAnswer {
        let language: Language = replyLanguage == .english ? .english : .chinese
        let best = results.map(\.similarity).max() ?? 0
        guard best >= minimumSimilarity,
            let chosen = results.first(where: { $0.passage.language == language && $0.similarity >= minimumSimilarity })
        else {
            return KnowledgeAnswer(answered: false, text: Self.decline(language), citations: [], confidence: best)
        }
        let passage = chosen.passage
        let body = passage.text.unicodeScalars.count <= wholePassageLength ? passage.text : excerpt(of: passage.text, for: question, separator: language == .english ? " " : "")
        let text = language == .english
            ? "From our help centre, \"\(passage.title)\":\n\(body)"
            : "帮助中心《\(passage.title)》中写道：\n\(body)"
        guard Self.unsupportedNumbers(in: body, source: passage.text).isEmpty else {
            return KnowledgeAnswer(answered: false, text: Self.decline(language), citations: [], confidence: best)
        }
        return KnowledgeAnswer(answered: true, text: text, citations: [passage.articleID], confidence: chosen.similarity)
    }

    static func decline(_ language: Language) -> String {
        language == .english
            ? "I couldn't find a reliable answer to this in our help centre, so I won't guess. Would you like me to pass you to a colleague?"
            : "这个问题帮助中心里没有可靠的答案，我不想随便猜。需要为您转接人工客服吗？"
    }

    /// The sentences of `text` sharing the most terms with the question, in their order.
    func excerpt(of text: String, for question: String, separator: String) -> String {
        let sentences = Self.sentences(text)
        let wanted = Set(LexicalTerms.terms(question))
        let scored = sentences.enumerated().map { index, sentence -> (Int, Double) in
            let terms = LexicalTerms.terms(sentence)
            let shared = terms.filter(wanted.contains)
            // Pairs and words count more than single characters.
            let score = shared.reduce(0.0) { $0 + ($1.unicodeScalars.count > 1 ? 2 : 0.5) }
            return (index, score)
        }
        let picked = scored.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .prefix(maximumSentences).map(\.0).sorted()
        let chosen = picked.isEmpty ? Array(sentences.indices.prefix(maximumSentences)) : picked
        return chosen.map { sentences[$0] }.joined(separator: separator).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            current.append(scalar)
            let end = "。！？；\n".unicodeScalars.contains(scalar)
                || (scalar == "." || scalar == "!" || scalar == "?") && (i + 1 == scalars.count || scalars[i + 1] == " ")
            if end {
                let sentence = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
                if !sentence.isEmpty { out.append(sentence) }
                current = String.UnicodeScalarView()
            }
        }
        let rest = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { out.append(rest) }
        return out
    }

    /// Numbers in `answer` that `source` does not contain (the guardrail: an answer states no
    /// number its passage lacks).
    public static func unsupportedNumbers(in answer: String, source: String) -> [String] {
        let sourceNumbers = Set(numbers(source))
        return numbers(answer).filter { !sourceNumbers.contains($0) }
    }

    static func numbers(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
            if ("0"..."9").contains(scalar) || scalar == "." && !current.isEmpty {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                out.append(current.hasSuffix(".") ? String(current.dropLast()) : current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current.hasSuffix(".") ? String(current.dropLast()) : current) }
        return out
    }
}
