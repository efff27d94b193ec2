/// The character classes the tokenizers' hand-written scanners need, matching what the
/// Hugging Face `tokenizers` regexes and Rust `char` predicates mean by them.
extension Unicode.Scalar {
    /// `\s` (Unicode White_Space; Rust `char::is_whitespace`).
    @inline(__always)
    var isTokenizerWhitespace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }

    /// `\p{L}`: any letter.
    @inline(__always)
    var isLetter: Bool {
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// `\p{N}`: any number (Nd, Nl, No; Rust `char::is_numeric`).
    @inline(__always)
    var isNumber: Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Unicode punctuation (Pc, Pd, Ps, Pe, Pi, Pf, Po).
    var isUnicodePunctuation: Bool {
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    /// BERT punctuation: ASCII punctuation (including `$`, `+`, `^`, ...) or Unicode punctuation.
    var isBertPunctuation: Bool {
        if value < 0x80 {
            return (value >= 33 && value <= 47) || (value >= 58 && value <= 64) || (value >= 91 && value <= 96)
                || (value >= 123 && value <= 126)
        }
        return isUnicodePunctuation
    }

    /// "Other" as Hugging Face `tokenizers` tests it (Cc, Cf, Co, Cs; unassigned code points are
    /// kept) except tab, newline and carriage return, which BERT treats as whitespace.
    var isBertControl: Bool {
        if value == 0x09 || value == 0x0A || value == 0x0D { return false }
        switch properties.generalCategory {
        case .control, .format, .privateUse, .surrogate: return true
        default: return false
        }
    }

    /// CJK ideographs that BERT splits into single-character words.
    var isChineseCharacter: Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
            0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default: return false
        }
    }
}
