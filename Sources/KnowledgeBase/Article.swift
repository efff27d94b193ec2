import Foundation
import JSONSchema
import SupportModel
import Understanding

/// One help-centre article, as the shop's knowledge base file holds it (JSON Lines):
///
/// ```json
/// {"id": "kb-earbuds-pairing-zh", "language": "zh", "category": "troubleshooting",
///  "title": "无线耳机配对连接方法", "products": ["DEMO-EARBUDS"], "body": "首次配对：…",
///  "updated_at": "2026-11-02"}
/// ```
///
/// `products` are catalogue SKUs (empty: the article is about no product in particular);
/// `updated_at` versions the article: an import re-embeds it only when it changed.
public struct Article: Sendable, Hashable {
    public var id: String
    /// `zh` or `en`.
    public var language: Language
    public var category: String
    public var title: String
    public var products: [String]
    public var body: String
    /// When the article last changed, as the file gives it (an ISO date or date-time).
    public var updatedAt: String

    public init(
        id: String, language: Language, category: String, title: String, products: [String], body: String,
        updatedAt: String
    ) {
        self.id = id
        self.language = language
        self.category = category
        self.title = title
        self.products = products
        self.body = body
        self.updatedAt = updatedAt
    }

    /// Longest article body accepted (scalars): a help-centre page, not a manual.
    public static let maximumBodyLength = 100_000

    /// Reads one line of a knowledge-base file; `number` (from 1) names it in errors.
    public init(line: String, number: Int) throws(ArticleLineError) {
        func fail(_ problem: String) -> ArticleLineError { ArticleLineError(line: number, problem: problem) }
        let fields: [String: JSONValue]
        switch JSONValue.objectMembers(line) {
        case .success(let members): fields = members
        case .failure(let problem): throw fail(problem.description)
        }
        func text(_ key: String, required: Bool = true) throws(ArticleLineError) -> String {
            guard let value = fields[key], !value.isNull else {
                if required { throw fail("missing \"\(key)\"") }
                return ""
            }
            guard case .string(let string) = value else { throw fail("\"\(key)\" must be a string, got \(value.typeName)") }
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            if required && trimmed.isEmpty { throw fail("\"\(key)\" is empty") }
            return trimmed
        }
        id = try text("id")
        guard id.unicodeScalars.count <= 200, !id.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw fail("\"id\" must be at most 200 characters without control characters")
        }
        let languageCode = try text("language")
        guard let language = Language(rawValue: languageCode), language != .mixed else {
            throw fail("unknown language \"\(languageCode)\" (zh or en)")
        }
        self.language = language
        category = try text("category", required: false)
        title = try text("title")
        body = try text("body")
        guard body.unicodeScalars.count <= Self.maximumBodyLength else {
            throw fail("\"body\" is longer than \(Self.maximumBodyLength) characters")
        }
        updatedAt = try text("updated_at")
        guard (try? CalendarDay(iso: String(updatedAt.prefix(10)))) != nil else {
            throw fail("\"updated_at\" must start with an ISO date (YYYY-MM-DD), got \"\(updatedAt)\"")
        }
        switch fields["products"] {
        case nil, .null?: products = []
        case .array(let items)?:
            products = []
            for item in items {
                guard case .string(let sku) = item, !sku.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw fail("\"products\" must be a list of product codes")
                }
                products.append(sku.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        case let other?: throw fail("\"products\" must be a list, got \(other.typeName)")
        }
    }

    /// The article as one JSON object (the file's format).
    public var json: JSONValue {
        .object([
            "id": .string(id), "language": .string(language.rawValue), "category": .string(category),
            "title": .string(title), "products": .array(products.map(JSONValue.string)), "body": .string(body),
            "updated_at": .string(updatedAt),
        ])
    }
}

/// A line of a knowledge-base file that cannot be imported.
public struct ArticleLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let problem: String

    public init(line: Int, problem: String) {
        self.line = line
        self.problem = problem
    }

    public var description: String { "line \(line): \(problem)" }
}

/// What a knowledge-base file holds: its articles, and the lines that could not be read.
public struct ArticleFile: Sendable {
    public var articles: [Article]
    public var problems: [ArticleLineError]

    /// Reads JSON Lines; blank lines are skipped, a bad line is reported with its number and
    /// the rest are read. A later line with the id of an earlier one is reported, not read.
    public init(text: String) {
        articles = []
        problems = []
        var seen: Set<String> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            do {
                let article = try Article(line: String(trimmed), number: index + 1)
                guard seen.insert(article.id).inserted else {
                    problems.append(ArticleLineError(line: index + 1, problem: "article \"\(article.id)\" appears twice"))
                    continue
                }
                articles.append(article)
            } catch {
                problems.append(error)
            }
        }
    }
}
