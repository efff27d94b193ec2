import Foundation

/// The terms lexical retrieval matches on: English words (lower case, a light stemmer, common
/// function words dropped), numbers, and for Chinese every character and every pair of adjacent
/// characters (Chinese has no spaces; bigrams match words, single characters match the rest).
/// Full-width forms are folded first.
public enum LexicalTerms {
    public static func terms(_ text: String) -> [String] {
        var out: [String] = []
        var word = String.UnicodeScalarView()
        var previousHan: Unicode.Scalar?
        func flushWord() {
            guard !word.isEmpty else { return }
            let term = stem(String(word).lowercased())
            if !stopWords.contains(term) { out.append(term) }
            word = String.UnicodeScalarView()
        }
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
                previousHan = nil
                word.append(scalar)
            } else if isHan(scalar) {
                flushWord()
                out.append(String(scalar))
                if let previous = previousHan { out.append(String(previous) + String(scalar)) }
                previousHan = scalar
            } else {
                flushWord()
                previousHan = nil
            }
        }
        flushWord()
        return out
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2EBEF: true
        default: false
        }
    }

    /// Plural and verb endings off long enough words ("batteries" → "battery", "charging" →
    /// "charg", "charged" → "charg"); the same stem on both sides is all BM25 needs.
    static func stem(_ word: String) -> String {
        guard word.count > 4, word.last?.isLetter == true else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("ing") && word.count > 5 { return String(word.dropLast(3)) }
        if word.hasSuffix("ed") && word.count > 5 { return String(word.dropLast(2)) }
        if word.hasSuffix("es") && (word.hasSuffix("ches") || word.hasSuffix("shes") || word.hasSuffix("sses")) {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") { return String(word.dropLast()) }
        return word
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by", "from",
        "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "it", "its", "this", "that",
        "i", "me", "my", "you", "your", "we", "our", "they", "them", "he", "she", "so", "as", "can", "could",
        "would", "should", "will", "just", "there", "what", "how", "any", "some", "have", "has", "had",
    ]
}

/// Okapi BM25 over documents' terms (k1 1.2, b 0.75).
public struct LexicalIndex: Sendable {
    struct Posting: Sendable {
        var document: Int32
        var frequency: Int32
    }

    private var postings: [String: [Posting]] = [:]
    private var lengths: [Int32] = []
    private var averageLength: Double = 1
    public var k1 = 1.2
    public var b = 0.75

    public var documentCount: Int { lengths.count }

    public init(documents: [String]) {
        var total = 0
        for (index, document) in documents.enumerated() {
            let terms = LexicalTerms.terms(document)
            lengths.append(Int32(terms.count))
            total += terms.count
            var counts: [String: Int32] = [:]
            for term in terms { counts[term, default: 0] += 1 }
            for (term, count) in counts { postings[term, default: []].append(Posting(document: Int32(index), frequency: count)) }
        }
        averageLength = documents.isEmpty ? 1 : max(1, Double(total) / Double(documents.count))
    }

    /// The best `limit` documents for `query` with their BM25 scores, best first; documents
    /// `allowed` rejects are skipped.
    public func search(_ query: String, limit: Int, allowed: (Int) -> Bool = { _ in true }) -> [(document: Int, score: Double)] {
        var scores: [Int: Double] = [:]
        let n = Double(lengths.count)
        for term in Set(LexicalTerms.terms(query)) {
            guard let list = postings[term] else { continue }
            let idf = log(1 + (n - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
            for posting in list where allowed(Int(posting.document)) {
                let tf = Double(posting.frequency)
                let norm = k1 * (1 - b + b * Double(lengths[Int(posting.document)]) / averageLength)
                scores[Int(posting.document), default: 0] += idf * tf * (k1 + 1) / (tf + norm)
            }
        }
        return TopK.best(scores.map { ($0.key, $0.value) }, limit: limit)
    }
}

enum TopK {
    /// The `limit` highest scores, best first (ties by index, for reproducible results).
    static func best(_ items: [(Int, Double)], limit: Int) -> [(document: Int, score: Double)] {
        items.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map { (document: $0.0, score: $0.1) }
    }
}
