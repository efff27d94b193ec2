/// Splits text into runs of ordinary text and matches of added tokens, leftmost-longest, as
/// the added vocabulary of Hugging Face `tokenizers` and llama.cpp's special-token pass do.
struct AddedTokenMatcher: Sendable {
    /// One piece of the input: a token match or a run of ordinary text.
    enum Segment: Equatable {
        case text(Range<Int>)
        case token(AddedToken, Range<Int>)
    }

    private let candidatesByFirstScalar: [Unicode.Scalar: [(scalars: [Unicode.Scalar], token: AddedToken)]]

    init(tokens: [AddedToken]) {
        var table: [Unicode.Scalar: [(scalars: [Unicode.Scalar], token: AddedToken)]] = [:]
        for token in tokens {
            let scalars = Array(token.content.unicodeScalars)
            guard let first = scalars.first else { continue }
            table[first, default: []].append((scalars, token))
        }
        for key in table.keys {
            table[key]?.sort { $0.scalars.count > $1.scalars.count }
        }
        candidatesByFirstScalar = table
    }

    var isEmpty: Bool { candidatesByFirstScalar.isEmpty }

    func split(_ scalars: [Unicode.Scalar]) -> [Segment] {
        guard !isEmpty else { return scalars.isEmpty ? [] : [.text(0..<scalars.count)] }
        var segments: [Segment] = []
        var textStart = 0
        var index = 0
        while index < scalars.count {
            guard let candidates = candidatesByFirstScalar[scalars[index]],
                let match = candidates.first(where: { matches($0.scalars, in: scalars, at: index) })
            else {
                index += 1
                continue
            }
            var start = index
            var end = index + match.scalars.count
            if match.token.stripsLeft {
                while start > textStart && scalars[start - 1].isTokenizerWhitespace { start -= 1 }
            }
            if match.token.stripsRight {
                while end < scalars.count && scalars[end].isTokenizerWhitespace { end += 1 }
            }
            if start > textStart { segments.append(.text(textStart..<start)) }
            segments.append(.token(match.token, start..<end))
            index = end
            textStart = end
        }
        if textStart < scalars.count { segments.append(.text(textStart..<scalars.count)) }
        return segments
    }

    private func matches(_ pattern: [Unicode.Scalar], in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + pattern.count <= scalars.count else { return false }
        for offset in 0..<pattern.count where scalars[index + offset] != pattern[offset] { return false }
        return true
    }
}
