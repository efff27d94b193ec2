/// A lexicon phrase found in a message.
struct CueMatch: Sendable, Hashable {
    /// Offset of the first scalar.
    let start: Int
    /// Offset one past the last scalar (a `*` phrase extends to the end of the word).
    let end: Int
    /// Index of the phrase's effects in the lexicon.
    let cue: Int
    /// Whether a negator stands right before the phrase ("没 收到", "didn't arrive").
    var negated: Bool
    /// Layers whose effects a longer phrase around this one takes over.
    var hiddenLayers: CueLayers = []
}
