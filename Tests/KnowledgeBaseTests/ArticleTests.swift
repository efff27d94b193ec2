import KnowledgeBase
import SupportModel
import Testing
import TestSupport

@Suite("Articles and passages")
struct ArticleTests {
    static let line = #"{"id": "kb-a-zh", "language": "zh", "category": "faq", "title": "耳机配对", "products": ["DEMO-EARBUDS"], "body": "打开盒盖。", "updated_at": "2026-11-02"}"#

    @Test("reads an article line with every field")
    func readsALine() throws {
        let article = try Article(line: Self.line, number: 1)
        #expect(article == Article(
            id: "kb-a-zh", language: .chinese, category: "faq", title: "耳机配对", products: ["DEMO-EARBUDS"], body: "打开盒盖。",
            updatedAt: "2026-11-02"))
    }

    @Test("a bad line names its number and the problem; the others are read", arguments: [
        (#"{"id": "x", "language": "fr", "title": "t", "body": "b", "updated_at": "2026-01-01"}"#, "unknown language \"fr\""),
        (#"{"id": "x", "language": "en", "body": "b", "updated_at": "2026-01-01"}"#, "missing \"title\""),
        (#"{"id": "x", "language": "en", "title": "t", "body": "  ", "updated_at": "2026-01-01"}"#, "\"body\" is empty"),
        (#"{"id": "x", "language": "en", "title": "t", "body": "b", "updated_at": "yesterday"}"#, "ISO date"),
        (#"{"id": "x", "language": "en", "title": "t", "body": "b", "updated_at": "2026-01-01", "products": "A"}"#, "\"products\" must be a list"),
        (#"["not", "an", "object"]"#, "must be a JSON object"),
        (#"{"id": "x", "#, "not valid JSON"),
    ])
    func badLines(line: String, problem: String) {
        let file = ArticleFile(text: Self.line + "\n\n" + line + "\n" + Self.line.replacingOccurrences(of: "kb-a-zh", with: "kb-b-zh"))
        #expect(file.articles.map(\.id) == ["kb-a-zh", "kb-b-zh"])
        #expect(file.problems.count == 1)
        #expect(file.problems.first?.line == 3)
        #expect(file.problems.first?.description.contains(problem) == true, "\(file.problems)")
    }

    @Test("an id seen twice is reported, the first article kept")
    func duplicateIDs() {
        let file = ArticleFile(text: Self.line + "\n" + Self.line.replacingOccurrences(of: "打开盒盖。", with: "别的。"))
        #expect(file.articles.map(\.body) == ["打开盒盖。"])
        #expect(file.problems.map(\.line) == [2])
    }

    @Test("every demo article splits into passages within the budget that keep all of its text in order")
    func splitsTheDemoArticles() throws {
        let file = ArticleFile(text: try String(contentsOfFile: RepositoryPaths.path("demo/kb/articles.jsonl"), encoding: .utf8))
        #expect(file.problems.isEmpty)
        #expect(file.articles.count == 64)
        let splitter = PassageSplitter()
        var multiple = 0
        for article in file.articles {
            let passages = splitter.passages(of: article)
            let budget = article.language == .english ? splitter.englishBudget : splitter.chineseBudget
            #expect(!passages.isEmpty)
            #expect(passages.map(\.ordinal) == Array(passages.indices))
            #expect(passages.allSatisfy { $0.text.unicodeScalars.count <= budget && $0.title == article.title })
            let kept = passages.map(\.text).joined().unicodeScalars.filter { !$0.properties.isWhitespace }
            let body = article.body.unicodeScalars.filter { !$0.properties.isWhitespace }
            #expect(String(String.UnicodeScalarView(kept)) == String(String.UnicodeScalarView(body)), "\(article.id)")
            if passages.count > 1 { multiple += 1 }
        }
        #expect(multiple > 10)
    }

    @Test("a paragraph longer than the budget is cut after sentence ends, and hard only without one")
    func longParagraphs() {
        let sentence = "这是一个很长的句子，用来测试切分。"
        let article = Article(
            id: "a", language: .chinese, category: "", title: "t", products: [], body: String(repeating: sentence, count: 30)
                + "\n\n" + String(repeating: "长", count: 500), updatedAt: "2026-01-01")
        let passages = PassageSplitter(chineseBudget: 100, englishBudget: 100).passages(of: article)
        #expect(passages.allSatisfy { $0.text.unicodeScalars.count <= 100 })
        let sentencePassages = passages.filter { $0.text.hasPrefix("这") }
        #expect(sentencePassages.allSatisfy { $0.text.hasSuffix("。") })
        #expect(passages.filter { $0.text.hasPrefix("长") }.count == 5)
    }
}
