/// BERT pre-tokenization: split on whitespace (dropped) and make every punctuation character a
/// word of its own.
enum BertPreTokenizer {
    /// The word ranges of `scalars`.
    static func words(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        for (index, scalar) in scalars.enumerated() {
            if scalar.isTokenizerWhitespace {
                if let begin = start { words.append(begin..<index) }
                start = nil
            } else if scalar.isBertPunctuation {
                if let begin = start { words.append(begin..<index) }
                words.append(index..<index + 1)
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let begin = start { words.append(begin..<scalars.count) }
        return words
    }
}
