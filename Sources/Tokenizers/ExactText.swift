/// A string key compared and hashed by its exact UTF-8 bytes.
///
/// Swift `String` equality follows canonical equivalence (`"\u{2001}" == "\u{2003}"`,
/// `"é" == "e\u{301}"`), but tokenizer vocabularies are byte-exact: two tokens that are
/// canonically equivalent are still different tokens, so dictionaries here use this key.
struct ExactText: Hashable, Sendable {
    let text: String

    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
    }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }
}

extension Dictionary where Key == ExactText {
    /// The value for the exact text `text`.
    @inline(__always)
    subscript(exact text: String) -> Value? {
        get { self[ExactText(text)] }
        set { self[ExactText(text)] = newValue }
    }
}
