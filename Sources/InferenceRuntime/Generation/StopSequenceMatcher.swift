/// Streams generated text while holding back any tail that could still become a stop
/// sequence, so a consumer never sees text that a stop sequence later cuts off.
struct StopSequenceMatcher {
    let stopSequences: [String]
    /// All text accepted so far (emitted plus held back).
    private(set) var text = ""
    /// How many characters of `text` were released.
    private var released = 0

    init(stopSequences: [String]) { self.stopSequences = stopSequences }

    /// Adds decoded text; returns the text that is now safe to release and, if a stop
    /// sequence appeared, which one (the text is then cut before it).
    mutating func append(_ piece: String) -> (release: String, stop: String?) {
        text += piece
        // Earliest stop sequence occurrence in the text, if any.
        var earliest: (range: Range<String.Index>, sequence: String)?
        for sequence in stopSequences {
            if let range = text.range(of: sequence),
                earliest == nil || range.lowerBound < earliest!.range.lowerBound
            {
                earliest = (range, sequence)
            }
        }
        if let earliest {
            text = String(text[..<earliest.range.lowerBound])
            return (releaseUpTo(text.count), earliest.sequence)
        }
        // Hold back the longest tail that is a proper prefix of a stop sequence.
        var held = 0
        for sequence in stopSequences {
            for length in stride(from: min(sequence.count - 1, text.count), to: 0, by: -1)
            where text.hasSuffix(sequence.prefix(length)) {
                held = max(held, length)
                break
            }
        }
        return (releaseUpTo(text.count - held), nil)
    }

    /// Releases whatever is held back (the generation ended without a stop sequence).
    mutating func finish() -> String { releaseUpTo(text.count) }

    private mutating func releaseUpTo(_ count: Int) -> String {
        guard count > released else { return "" }
        let start = text.index(text.startIndex, offsetBy: released)
        let end = text.index(text.startIndex, offsetBy: count)
        released = count
        return String(text[start..<end])
    }
}
