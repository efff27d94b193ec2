import KnowledgeBase
import SupportModel
import Testing

@Suite("Extractive answers")
struct AnswererTests {
    static func result(_ id: String, _ language: Language, _ text: String, similarity: Double) -> RetrievalResult {
        RetrievalResult(
            passage: Passage(articleID: id, ordinal: 0, language: language, title: "标题 \(id)", products: [], text: text),
            score: 0.03, similarity: similarity, lexicalRank: nil)
    }

    static let kettle = "水壶没烧开就跳闸，通常是水垢太多。请用白醋加水煮沸后浸泡30分钟，再用清水冲洗3遍。如果仍然提前跳闸，请联系我们。水壶的容量是1.7升。"

    @Test("quotes the sentences that share the question's words, in their order, and cites the article")
    func quotes() {
        var answerer = ExtractiveAnswerer(minimumSimilarity: 0.8)
        answerer.wholePassageLength = 20
        let answer = answerer.answer("水壶老是没烧开就跳闸", replyLanguage: .chinese, results: [Self.result("kettle-zh", .chinese, Self.kettle, similarity: 0.9)])
        #expect(answer.answered)
        #expect(answer.citations == ["kettle-zh"])
        #expect(answer.text.contains("水壶没烧开就跳闸，通常是水垢太多。如果仍然提前跳闸"))
        #expect(!answer.text.contains("白醋"))
        #expect(ExtractiveAnswerer.unsupportedNumbers(in: answer.text, source: Self.kettle).isEmpty)
    }

    @Test("declines below the similarity threshold, and when no passage is in the reply's language")
    func declines() {
        let answerer = ExtractiveAnswerer(minimumSimilarity: 0.8)
        let low = answerer.answer("你们老板是谁", replyLanguage: .chinese, results: [Self.result("kettle-zh", .chinese, Self.kettle, similarity: 0.75)])
        #expect(!low.answered && low.citations.isEmpty && low.text.contains("人工"))
        let otherLanguage = answerer.answer("kettle trips", replyLanguage: .english, results: [Self.result("kettle-zh", .chinese, Self.kettle, similarity: 0.9)])
        #expect(!otherLanguage.answered && otherLanguage.text.contains("colleague"))
    }

    @Test("numbers the passage lacks are found, full-width digits count as digits")
    func numbers() {
        #expect(ExtractiveAnswerer.unsupportedNumbers(in: "浸泡30分钟，退款7天", source: Self.kettle) == ["7"])
        #expect(ExtractiveAnswerer.unsupportedNumbers(in: "容量１.7升", source: Self.kettle).isEmpty)
    }
}
