import Foundation

/// Reads `model.vocab` of a `tokenizer.json` straight from its bytes, keeping every key exactly.
///
/// `JSONSerialization` returns keys as Swift `String`s in a dictionary, where canonically
/// equivalent keys (`"é"` and `"e\u{301}"`) collide; vocabularies are byte-exact, so this scanner
/// reads the vocabulary object itself and skips everything else.
struct JSONVocabularyScanner {
    private let bytes: [UInt8]
    private var index = 0
    private let source: String

    init(data: Data, source: String) {
        self.bytes = [UInt8](data)
        self.source = source
    }

    /// The `(token, id)` pairs of `model.vocab`, in file order.
    mutating func vocabulary() throws -> [(String, Int)] {
        index = 0
        try expectObject()
        while let key = try nextKey() {
            if key == "model" {
                try expectObject()
                while let modelKey = try nextKey() {
                    if modelKey == "vocab" { return try readVocabulary() }
                    try skipValue()
                }
                break
            }
            try skipValue()
        }
        throw TokenizerError(.missingEntry, source: source, key: "model.vocab", message: "expected an object of token ids")
    }

    private func malformed(_ what: String) -> TokenizerError {
        TokenizerError(.malformedFile, source: source, key: "model.vocab", message: "\(what) at byte \(index)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { throw malformed("expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    private mutating func expectObject() throws {
        try expect(UInt8(ascii: "{"))
        pendingFirst = true
    }

    private var pendingFirst = false

    /// The next key of the current object (after its colon), or nil at the closing brace.
    private mutating func nextKey() throws -> String? {
        skipWhitespace()
        guard index < bytes.count else { throw malformed("unexpected end") }
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            pendingFirst = false
            return nil
        }
        if !pendingFirst { try expect(UInt8(ascii: ",")) }
        pendingFirst = false
        let key = try readString()
        try expect(UInt8(ascii: ":"))
        return key
    }

    private mutating func readVocabulary() throws -> [(String, Int)] {
        try expectObject()
        var entries: [(String, Int)] = []
        while let token = try nextKey() {
            skipWhitespace()
            let start = index
            while index < bytes.count, (bytes[index] >= 0x30 && bytes[index] <= 0x39) || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index > start, let id = Int(String(decoding: bytes[start..<index], as: UTF8.self)), id >= 0 else {
                throw TokenizerError(.malformedFile, source: source, key: "model.vocab", message: "token '\(token)' has no valid id")
            }
            entries.append((token, id))
        }
        return entries
    }

    private mutating func readString() throws -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw malformed("expected a string") }
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flush(_ end: Int) {
            if end > runStart { scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                flush(index)
                index += 1
                return String(scalars)
            }
            if byte == UInt8(ascii: "\\") {
                flush(index)
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "u"):
                    var value = try readHex4()
                    if (0xD800..<0xDC00).contains(value), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try readHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw malformed("unpaired surrogate") }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                    scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                default: scalars.append(Unicode.Scalar(escape))
                }
                runStart = index
                continue
            }
            index += 1
        }
        throw malformed("unterminated string")
    }

    private mutating func readHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw malformed("bad \\u escape") }
        index += 4
        return value
    }

    /// Skips one JSON value of any kind.
    private mutating func skipValue() throws {
        skipWhitespace()
        guard index < bytes.count else { throw malformed("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            _ = try readString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    _ = try readString()
                    continue
                }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return
                    }
                }
                index += 1
            }
            throw malformed("unterminated container")
        default:
            while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[index]) {
                index += 1
            }
        }
    }
}
