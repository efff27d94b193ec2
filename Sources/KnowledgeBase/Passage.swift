import Foundation
import SupportModel

/// A piece of an article small enough to retrieve and quote: a few paragraphs that keep the
/// article's title (a passage "长按充电盒按键10秒…" is found by "耳机配对" through its title).
public struct Passage: Sendable, Hashable {
    public var articleID: String
    /// Position in the article, from 0.
    public var ordinal: Int
    public var language: Language
    public var title: String
    public var products: [String]
    /// The passage's own text (part of the article's body).
    public var text: String

    public init(articleID: String, ordinal: Int, language: Language, title: String, products: [String], text: String) {
        self.articleID = articleID
        self.ordinal = ordinal
        self.language = language
        self.title = title
        self.products = products
        self.text = text
    }

    /// What the encoder and the lexical index read: the title, then the text.
    public var indexedText: String { title + "\n" + text }
}

/// Splits articles into passages: paragraphs (blank-line separated) are joined while they fit
/// the budget; a paragraph longer than the budget is cut after sentence ends. The budget is in
/// Unicode scalars and depends on the language, so a passage is about 150 tokens in either
/// (the encoder reads at most 256).
public struct PassageSplitter: Sendable {
    public var chineseBudget: Int
    public var englishBudget: Int

    public init(chineseBudget: Int = 220, englishBudget: Int = 600) {
        self.chineseBudget = chineseBudget
        self.englishBudget = englishBudget
    }

    public func passages(of article: Article) -> [Passage] {
        let budget = article.language == .english ? englishBudget : chineseBudget
        var pieces: [String] = []
        for paragraph in paragraphs(article.body) {
            pieces += paragraph.unicodeScalars.count <= budget ? [paragraph] : sentences(paragraph, budget: budget)
        }
        var chunks: [String] = []
        var current = ""
        for piece in pieces {
            if current.isEmpty {
                current = piece
            } else if current.unicodeScalars.count + 1 + piece.unicodeScalars.count <= budget {
                current += "\n" + piece
            } else {
                chunks.append(current)
                current = piece
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks.enumerated().map { index, text in
            Passage(articleID: article.id, ordinal: index, language: article.language, title: article.title,
                    products: article.products, text: text)
        }
    }

    private func paragraphs(_ body: String) -> [String] {
        var out: [String] = []
        var current: [Substring] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                if !current.isEmpty { out.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { out.append(current.joined(separator: "\n")) }
        return out.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// A long paragraph cut into pieces of at most `budget` scalars, after sentence ends (or
    /// line breaks) where it can, else hard.
    private func sentences(_ paragraph: String, budget: Int) -> [String] {
        let ends: Set<Unicode.Scalar> = ["。", "！", "？", "；", "!", "?", ";", "\n"]
        var units: [String] = []
        var unit = String.UnicodeScalarView()
        let scalars = Array(paragraph.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            unit.append(scalar)
            let englishStop = scalar == "." && (i + 1 == scalars.count || scalars[i + 1] == " ")
            if ends.contains(scalar) || englishStop {
                units.append(String(unit))
                unit = String.UnicodeScalarView()
            }
        }
        if !unit.isEmpty { units.append(String(unit)) }
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for unit in units {
            var scalars = Substring(unit).unicodeScalars[...]
            while !scalars.isEmpty {
                let room = budget - current.count
                if scalars.count <= room {
                    current.append(contentsOf: scalars)
                    scalars = scalars[scalars.endIndex...]
                } else if current.isEmpty {
                    let cut = scalars.index(scalars.startIndex, offsetBy: budget)
                    out.append(String(String.UnicodeScalarView(scalars[..<cut])))
                    scalars = scalars[cut...]
                } else {
                    out.append(String(current))
                    current = String.UnicodeScalarView()
                }
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
