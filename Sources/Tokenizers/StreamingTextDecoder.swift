/// Turns generated token ids into text as they arrive. A token may end in the middle of a
/// multi-byte UTF-8 character (emoji and CJK are often split across byte tokens); those bytes
/// are held until the character is complete, so every returned piece is whole text.
public struct StreamingTextDecoder: Sendable {
    private let tokenizer: ByteLevelBPETokenizer
    private let skipSpecialTokens: Bool
    private var pending: [UInt8] = []

    init(tokenizer: ByteLevelBPETokenizer, skipSpecialTokens: Bool) {
        self.tokenizer = tokenizer
        self.skipSpecialTokens = skipSpecialTokens
    }

    /// The bytes held back because they do not yet form a whole character.
    public var pendingByteCount: Int { pending.count }

    /// Adds one token and returns the text that is now complete (possibly empty).
    public mutating func append(_ id: Int) -> String {
        if skipSpecialTokens && tokenizer.isSpecial(id) { return "" }
        pending += tokenizer.bytes(for: id)
        let complete = Self.completePrefixLength(pending)
        guard complete > 0 else { return "" }
        let text = String(decoding: pending[0..<complete], as: UTF8.self)
        pending.removeFirst(complete)
        return text
    }

    /// Returns whatever is still held (incomplete sequences become U+FFFD) and empties the decoder.
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// The length of the longest prefix that does not end inside a UTF-8 sequence that could
    /// still be completed by more bytes.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        let count = bytes.count
        // Look back at most 3 bytes for the start of a sequence.
        var start = count - 1
        var continuation = 0
        while start >= 0 && continuation < 3 && bytes[start] & 0xC0 == 0x80 {
            start -= 1
            continuation += 1
        }
        guard start >= 0 else { return count }
        let lead = bytes[start]
        let needed: Int
        switch lead {
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return count  // ASCII or an invalid lead byte: nothing to wait for.
        }
        let available = count - start
        return available >= needed ? count : start
    }
}
