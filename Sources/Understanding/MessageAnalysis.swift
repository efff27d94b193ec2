import SupportModel

/// What a customer message says, as the rest of the worker needs it: language, intent,
/// entities, sentiment, and the cues that call for a human.
public struct MessageAnalysis: Sendable, Hashable, Codable {
    /// The language of the message: `zh`, `en`, or `mixed` when both carry meaning.
    public var language: Language
    /// The language to answer in: `zh` or `en`, never `mixed` (the dominant one).
    public var replyLanguage: Language
    /// Whether the text itself shows its language. False for an order number alone, an
    /// emoji, "ok", "好": the reply then keeps the conversation's language.
    public var languageIsClear: Bool
    /// The most likely intent.
    public var intent: Intent
    /// Probability of `intent`, 0...1: low when cues conflict or are absent.
    public var intentConfidence: Double
    /// Up to three intents, most likely first; the first is `intent`. Intents below 1 % are
    /// left out, except the first.
    public var intentCandidates: [IntentScore]
    /// Entities in order of their start offset.
    public var entities: [Entity]
    /// Polarity and its score.
    public var sentiment: Sentiment
    /// Phrases that call for a human, in order of their start offset.
    public var cues: [EscalationCue]
    /// The state of the goods as the customer claims it, if the message says.
    public var claimedCondition: ClaimedCondition?
    /// The size or colour asked for in an exchange or order change: a size in upper case
    /// (`L`, `XL`, `42`), `larger` or `smaller` for "one size up/down", or a colour in
    /// English lower case (`black`).
    public var requestedVariant: String?

    public init(
        language: Language, replyLanguage: Language, intent: Intent, intentConfidence: Double,
        intentCandidates: [IntentScore], entities: [Entity], sentiment: Sentiment, cues: [EscalationCue],
        claimedCondition: ClaimedCondition?, requestedVariant: String?, languageIsClear: Bool = true
    ) {
        self.language = language
        self.replyLanguage = replyLanguage
        self.languageIsClear = languageIsClear
        self.intent = intent
        self.intentConfidence = intentConfidence
        self.intentCandidates = intentCandidates
        self.entities = entities
        self.sentiment = sentiment
        self.cues = cues
        self.claimedCondition = claimedCondition
        self.requestedVariant = requestedVariant
    }

    enum CodingKeys: String, CodingKey {
        case language, intent, entities, sentiment, cues
        case replyLanguage = "reply_language"
        case languageIsClear = "language_is_clear"
        case intentConfidence = "intent_confidence"
        case intentCandidates = "intent_candidates"
        case claimedCondition = "claimed_condition"
        case requestedVariant = "requested_variant"
    }

    /// The entities of one type, in text order.
    public func entities(of type: EntityType) -> [Entity] { entities.filter { $0.type == type } }

    /// Whether a cue of `kind` was found.
    public func hasCue(_ kind: EscalationCueKind) -> Bool { cues.contains { $0.kind == kind } }
}
