/// Text after normalization, where every scalar remembers which scalar of the original text it
/// came from, so that tokens can be mapped back to character offsets in the original.
struct NormalizedText {
    /// The normalized scalars.
    var scalars: [Unicode.Scalar] = []
    /// For each normalized scalar, the index of the original scalar it came from.
    var origins: [Int] = []

    mutating func append(_ scalar: Unicode.Scalar, origin: Int) {
        scalars.append(scalar)
        origins.append(origin)
    }

    /// The original range covered by the normalized scalars `range`.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return 0..<0 }
        return origins[range.lowerBound]..<(origins[range.upperBound - 1] + 1)
    }
}
