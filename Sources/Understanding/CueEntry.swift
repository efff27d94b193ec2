/// One lexicon line: phrases that share their effects.
///
/// A phrase is matched on folded text (lower case, half-width). English phrases match whole
/// words; a trailing `*` lets a phrase match any word it begins (`refund*` matches
/// "refunded"). A space in a phrase matches one or more spaces.
struct CueEntry: Sendable {
    /// The phrases.
    let phrases: [String]
    /// Effects when the phrase is not negated.
    let effects: [CueEffect]
    /// Effects added when the phrase is negated ("没 收到" → not received); effects that do not
    /// survive negation are dropped then.
    let negatedEffects: [CueEffect]

    init(_ phrases: [String], _ effects: [CueEffect], negated: [CueEffect] = []) {
        self.phrases = phrases
        self.effects = effects
        self.negatedEffects = negated
    }
}
