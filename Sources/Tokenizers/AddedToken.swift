/// A token matched in raw text before normalization and model encoding (`added_tokens` in
/// `tokenizer.json`, control tokens in GGUF): `[CLS]`, `<|im_start|>`, ...
public struct AddedToken: Sendable, Equatable {
    /// The exact text of the token.
    public var content: String
    /// Its id.
    public var id: Int
    /// Whether it is a special (control) token, skipped when decoding with `skipSpecialTokens`.
    public var isSpecial: Bool
    /// Whether whitespace on its left is absorbed into the match.
    public var stripsLeft: Bool
    /// Whether whitespace on its right is absorbed into the match.
    public var stripsRight: Bool

    /// Makes an added token.
    public init(content: String, id: Int, isSpecial: Bool, stripsLeft: Bool = false, stripsRight: Bool = false) {
        self.content = content
        self.id = id
        self.isSpecial = isSpecial
        self.stripsLeft = stripsLeft
        self.stripsRight = stripsRight
    }
}
