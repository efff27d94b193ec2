/// Text being normalized, where every scalar carries the range of original scalars it stands
/// for, changed the way Hugging Face `tokenizers` changes its `NormalizedString`: a list of
/// (scalar, change) pairs, where change 0 replaces one scalar, a positive change inserts (the
/// new scalar takes the alignment of the one before it), and a negative change also consumes
/// that many more. Token offsets in the original text then come out equal to the reference,
/// quirks included.
struct AlignedText {
    var scalars: [Unicode.Scalar]
    /// For each scalar, the original range it stands for (`start..<end` in original scalars).
    var alignments: [(start: Int, end: Int)]

    /// `scalars` of the original text starting at original index `origin`, aligned to themselves.
    init(_ scalars: ArraySlice<Unicode.Scalar>, origin: Int) {
        self.scalars = Array(scalars)
        self.alignments = (0..<scalars.count).map { (origin + $0, origin + $0 + 1) }
    }

    var isEmpty: Bool { scalars.isEmpty }

    /// Replaces the whole text by `changes` (see the type's summary); `initialOffset` scalars
    /// are consumed before the first change.
    mutating func transform(_ changes: [(scalar: Unicode.Scalar, change: Int)], initialOffset: Int = 0) {
        var newScalars: [Unicode.Scalar] = []
        var newAlignments: [(start: Int, end: Int)] = []
        newScalars.reserveCapacity(changes.count)
        newAlignments.reserveCapacity(changes.count)
        var position = initialOffset
        for (scalar, change) in changes {
            let alignment: (start: Int, end: Int)
            if change > 0 {
                alignment = position < 1 ? (0, 0) : alignments[min(position, alignments.count) - 1]
            } else {
                alignment = position < alignments.count ? alignments[position] : (alignments.last ?? (0, 0))
                position += 1 - min(change, 0)
            }
            newScalars.append(scalar)
            newAlignments.append(alignment)
        }
        scalars = newScalars
        alignments = newAlignments
    }

    /// The original range that normalized scalars `range` stand for.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return 0..<0 }
        let start = alignments[range.lowerBound].start
        let end = alignments[range.upperBound - 1].end
        return start..<max(start, end)
    }
}

extension Array where Element == (scalar: Unicode.Scalar, change: Int) {
    /// Appends the replacement of `oldCount` scalars by `replacement`, marking the change as
    /// `tokenizers`' Precompiled normalizer does: growth as insertions at the end, shrinking as
    /// extra scalars consumed by the last change so far (even one appended before, when the
    /// replacement is empty).
    mutating func appendReplacement(of oldCount: Int, by replacement: [Unicode.Scalar]) {
        append(contentsOf: replacement.map { ($0, 0) })
        let difference = replacement.count - oldCount
        if difference > 0 {
            for index in (count - difference)..<count { self[index].change = 1 }
        } else if difference < 0, !isEmpty {
            self[count - 1].change += difference
        }
    }
}
