/// The result of encoding text for an encoder model: ids plus what the model and the entity
/// extractor need alongside them.
public struct Encoding: Sendable, Equatable {
    /// Token ids, with special tokens when they were asked for.
    public var ids: [Int]
    /// The token strings (`[CLS]`, `hello`, `##ing`).
    public var tokens: [String]
    /// For each token, the range it covers in the original text, counted in Unicode scalars
    /// (the same as Python `str` indices and Hugging Face `tokenizers` offsets). Special tokens
    /// added by post-processing have the empty range `0..<0`.
    public var offsets: [Range<Int>]
    /// 1 for every real token (0 is used only for padding).
    public var attentionMask: [Int]
    /// The segment of each token: 0 for the first text, 1 for the second of a pair.
    public var typeIDs: [Int]
    /// 1 for special tokens added by post-processing, 0 otherwise.
    public var specialTokensMask: [Int]

    /// Makes an encoding from parallel arrays of equal length.
    public init(
        ids: [Int], tokens: [String], offsets: [Range<Int>], attentionMask: [Int], typeIDs: [Int],
        specialTokensMask: [Int]
    ) {
        self.ids = ids
        self.tokens = tokens
        self.offsets = offsets
        self.attentionMask = attentionMask
        self.typeIDs = typeIDs
        self.specialTokensMask = specialTokensMask
    }

    /// The number of tokens.
    public var count: Int { ids.count }

    /// This encoding padded on the right with `paddingID` up to `length` tokens (unchanged if
    /// it is already that long or longer).
    public func padded(to length: Int, paddingID: Int, paddingToken: String = "[PAD]") -> Encoding {
        guard length > count else { return self }
        let extra = length - count
        var result = self
        result.ids += Array(repeating: paddingID, count: extra)
        result.tokens += Array(repeating: paddingToken, count: extra)
        result.offsets += Array(repeating: 0..<0, count: extra)
        result.attentionMask += Array(repeating: 0, count: extra)
        result.typeIDs += Array(repeating: 0, count: extra)
        result.specialTokensMask += Array(repeating: 1, count: extra)
        return result
    }
}
