import Foundation
import Synchronization

/// The BERT normalizer of Hugging Face `tokenizers` (`BertNormalizer`), in its order: clean
/// text (drop NUL, U+FFFD and control/format/unassigned characters, turn whitespace into a
/// space), surround CJK ideographs with spaces, strip accents (NFD, then drop nonspacing marks),
/// lowercase (full Unicode mapping). Every output scalar keeps the index of its source scalar.
public struct BertNormalizer: Sendable, Equatable {
    /// Drop control characters and map whitespace to spaces.
    public var cleanText: Bool
    /// Put spaces around CJK ideographs so each becomes its own word.
    public var handleChineseCharacters: Bool
    /// Strip accents; nil means "when lowercasing" (the Hugging Face default).
    public var stripAccents: Bool?
    /// Lowercase.
    public var lowercase: Bool

    /// Makes a normalizer; the defaults are those of uncased BERT.
    public init(cleanText: Bool = true, handleChineseCharacters: Bool = true, stripAccents: Bool? = nil, lowercase: Bool = true) {
        self.cleanText = cleanText
        self.handleChineseCharacters = handleChineseCharacters
        self.stripAccents = stripAccents
        self.lowercase = lowercase
    }

    /// The normalized form of `text` as a string (for inspection and tests).
    public func normalize(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: normalize(Array(text.unicodeScalars), range: 0..<text.unicodeScalars.count).scalars)
        return String(result)
    }

    /// Normalizes `scalars[range]`; origins are indices into `scalars`.
    func normalize(_ scalars: [Unicode.Scalar], range: Range<Int>) -> NormalizedText {
        var output = NormalizedText()
        output.scalars.reserveCapacity(range.count)
        output.origins.reserveCapacity(range.count)
        let strip = stripAccents ?? lowercase
        for index in range {
            let scalar = scalars[index]
            if cleanText {
                if scalar.value == 0 || scalar.value == 0xFFFD || scalar.isBertControl { continue }
                if scalar.isTokenizerWhitespace {
                    output.append(" ", origin: index)
                    continue
                }
            }
            if handleChineseCharacters && scalar.isChineseCharacter {
                output.append(" ", origin: index)
                if strip && (0xF900...0xFAFF ~= scalar.value || 0x2F800...0x2FA1F ~= scalar.value) {
                    for part in Self.canonicalDecomposition(of: scalar) { appendLowercased(part, origin: index, to: &output) }
                } else {
                    output.append(scalar, origin: index)
                }
                output.append(" ", origin: index)
                continue
            }
            if scalar.value < 0x80 {
                let lowered = lowercase && scalar.value >= 0x41 && scalar.value <= 0x5A
                    ? Unicode.Scalar(scalar.value + 0x20)! : scalar
                output.append(lowered, origin: index)
                continue
            }
            if strip {
                for part in Self.canonicalDecomposition(of: scalar) where part.properties.generalCategory != .nonspacingMark {
                    appendLowercased(part, origin: index, to: &output)
                }
            } else {
                appendLowercased(scalar, origin: index, to: &output)
            }
        }
        return output
    }

    private func appendLowercased(_ scalar: Unicode.Scalar, origin: Int, to output: inout NormalizedText) {
        guard lowercase, scalar.properties.changesWhenLowercased else {
            output.append(scalar, origin: origin)
            return
        }
        for part in scalar.properties.lowercaseMapping.unicodeScalars {
            output.append(part, origin: origin)
        }
    }

    /// The NFD decomposition of one scalar (cached: Foundation's normalization is slow).
    static func canonicalDecomposition(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        // Nothing below U+00C0 decomposes.
        if scalar.value < 0xC0 { return [scalar] }
        if let cached = decompositions.withLock({ $0[scalar.value] }) { return cached }
        let parts = Array(String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars)
        decompositions.withLock { table in
            if table.count > 100_000 { table.removeAll() }
            table[scalar.value] = parts
        }
        return parts
    }

    private static let decompositions = Mutex<[UInt32: [Unicode.Scalar]]>([:])
}
