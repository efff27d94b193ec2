/// The pre-tokenizers of byte-level BPE models, written as scanners that give the same splits
/// as the regular expressions they stand for.
public enum BytePairPreTokenizer: String, Sendable, CaseIterable {
    /// GPT-2: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
    case gpt2
    /// SmolLM / StarCoder: every `\p{N}` on its own (the `Digits` pre-tokenizer with individual
    /// digits), then the GPT-2 pattern.
    case smolLM = "smollm"
    /// Llama 3: `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
    /// ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`.
    case llama3

    /// The pre-tokenizer named by GGUF `tokenizer.ggml.pre`, if supported.
    public init?(ggufName: String) {
        switch ggufName {
        case "default", "gpt-2", "gpt2": self = .gpt2
        case "smollm", "starcoder", "refact": self = .smolLM
        case "llama3", "llama-v3", "llama-bpe": self = .llama3
        default: return nil
        }
    }

    /// The word ranges of `scalars[range]`.
    func words(in scalars: [Unicode.Scalar], range: Range<Int>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        switch self {
        case .gpt2:
            Self.gpt2Words(scalars, range, into: &words)
        case .smolLM:
            var start = range.lowerBound
            for index in range where scalars[index].isNumber {
                if start < index { Self.gpt2Words(scalars, start..<index, into: &words) }
                words.append(index..<index + 1)
                start = index + 1
            }
            if start < range.upperBound { Self.gpt2Words(scalars, start..<range.upperBound, into: &words) }
        case .llama3:
            Self.llama3Words(scalars, range, into: &words)
        }
        return words
    }

    /// Length of a contraction (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`) at `index`, or 0.
    private static func contractionLength(_ s: [Unicode.Scalar], _ index: Int, _ end: Int, ignoringCase: Bool) -> Int {
        guard s[index] == "'", index + 1 < end else { return 0 }
        func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            ignoringCase && scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        let first = lower(s[index + 1])
        if first == "s" || first == "t" || first == "m" || first == "d" { return 2 }
        if index + 2 < end {
            let second = lower(s[index + 2])
            if (first == "r" && second == "e") || (first == "v" && second == "e") || (first == "l" && second == "l") {
                return 3
            }
        }
        return 0
    }

    @inline(__always)
    private static func isOther(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isTokenizerWhitespace && !scalar.isLetter && !scalar.isNumber
    }

    /// The end of the whitespace alternatives `\s+(?!\S)|\s+` starting at `index`.
    private static func whitespaceEnd(_ s: [Unicode.Scalar], _ index: Int, _ end: Int) -> Int {
        var runEnd = index
        while runEnd < end && s[runEnd].isTokenizerWhitespace { runEnd += 1 }
        if runEnd < end && runEnd - index > 1 { return runEnd - 1 }
        return runEnd
    }

    private static func gpt2Words(_ s: [Unicode.Scalar], _ range: Range<Int>, into words: inout [Range<Int>]) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let start = index
            let contraction = contractionLength(s, index, end, ignoringCase: false)
            if contraction > 0 {
                index += contraction
            } else {
                var body = index
                if s[body] == " " && body + 1 < end && !s[body + 1].isTokenizerWhitespace { body += 1 }
                let scalar = s[body]
                if scalar.isLetter {
                    index = body
                    while index < end && s[index].isLetter { index += 1 }
                } else if scalar.isNumber {
                    index = body
                    while index < end && s[index].isNumber { index += 1 }
                } else if !scalar.isTokenizerWhitespace {
                    index = body
                    while index < end && isOther(s[index]) { index += 1 }
                } else {
                    index = whitespaceEnd(s, index, end)
                }
            }
            words.append(start..<index)
        }
    }

    private static func llama3Words(_ s: [Unicode.Scalar], _ range: Range<Int>, into words: inout [Range<Int>]) {
        var index = range.lowerBound
        let end = range.upperBound
        func isLineBreak(_ scalar: Unicode.Scalar) -> Bool { scalar == "\r" || scalar == "\n" }
        while index < end {
            let start = index
            let scalar = s[index]
            let contraction = contractionLength(s, index, end, ignoringCase: true)
            if contraction > 0 {
                index += contraction
            } else if scalar.isLetter || (!isLineBreak(scalar) && !scalar.isNumber && index + 1 < end && s[index + 1].isLetter) {
                // [^\r\n\p{L}\p{N}]?\p{L}+
                index += 1
                while index < end && s[index].isLetter { index += 1 }
            } else if scalar.isNumber {
                // \p{N}{1,3}
                index += 1
                while index < end && index - start < 3 && s[index].isNumber { index += 1 }
            } else if isOther(scalar) || (scalar == " " && index + 1 < end && isOther(s[index + 1])) {
                // ?[^\s\p{L}\p{N}]+[\r\n]*
                if scalar == " " { index += 1 }
                while index < end && isOther(s[index]) { index += 1 }
                while index < end && isLineBreak(s[index]) { index += 1 }
            } else {
                // \s*[\r\n]+ | \s+(?!\S) | \s+
                var runEnd = index
                var lastLineBreak = -1
                while runEnd < end && s[runEnd].isTokenizerWhitespace {
                    if isLineBreak(s[runEnd]) { lastLineBreak = runEnd }
                    runEnd += 1
                }
                if lastLineBreak >= 0 {
                    index = lastLineBreak + 1
                } else {
                    index = whitespaceEnd(s, index, end)
                }
            }
            words.append(start..<index)
        }
    }
}
