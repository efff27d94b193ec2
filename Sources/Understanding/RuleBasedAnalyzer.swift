import SupportModel

/// Understands messages with bilingual cue lexicons and scanners: no model, a few tens of
/// microseconds per message. It runs today, stays as the fallback when models fail, and
/// keeps finding the entities rules find best (order and tracking numbers, phones, emails,
/// amounts, dates) when models take over intent and sentiment.
///
/// One pass over the message finds every lexicon phrase (see `CueLexicon`); entity scanners,
/// the language detector, the sentiment and intent scorers and the cue, condition and
/// variant finders all read that one list.
public struct RuleBasedAnalyzer: MessageAnalyzer {
    /// Longest text accepted, in Unicode scalars (the inbound schema allows 16 KiB of text).
    public var maximumLength: Int

    private let lexicon: CueLexicon
    private let languageDetector = LanguageDetector()
    private let sentimentScorer = SentimentScorer()
    private let intentScorer = IntentScorer()
    private let conditionDetector = ConditionDetector()
    private let variantExtractor = VariantExtractor()

    /// An analyzer that refuses texts longer than `maximumLength` Unicode scalars.
    public init(maximumLength: Int = 16_384) {
        self.maximumLength = maximumLength
        lexicon = CueLexicon.shared
    }

    public func analyze(_ text: String, context: AnalysisContext) async throws -> MessageAnalysis {
        try analysis(of: text, context: context)
    }

    /// The analysis of `text`, synchronously.
    public func analysis(of text: String, context: AnalysisContext) throws(UnderstandingError) -> MessageAnalysis {
        let length = text.unicodeScalars.count
        guard length <= maximumLength else {
            throw UnderstandingError(code: .textTooLong, detail: "\(length) scalars, limit \(maximumLength)")
        }
        let scalars = ScalarText(text)
        guard scalars.folded.contains(where: { !$0.properties.isWhitespace }) else {
            throw UnderstandingError(code: .emptyText, detail: "\(scalars.count) whitespace scalars")
        }
        let allMatches = lexicon.matches(in: scalars)
        let allEffects = allMatches.map(lexicon.effects(of:))

        var extractor = EntityExtractor(text: scalars, matches: allMatches, effects: allEffects, context: context)
        let entities = extractor.extract()

        // Words inside codes and emails are not cues ("billing@…", "SF…").
        let codeSpans = extractor.codeRanges
        var matches: [CueMatch] = []
        var effects: [[CueEffect]] = []
        for (match, effect) in zip(allMatches, allEffects)
        where !codeSpans.contains(where: { $0.overlaps(match.start..<match.end) }) {
            matches.append(match)
            effects.append(effect)
        }

        let (language, replyLanguage, languageIsClear) = languageDetector.detect(scalars, excluding: codeSpans, context: context)
        let polarity = sentimentScorer.polarity(matches: matches, effects: effects, text: scalars)
        let ranked = intentScorer.score(
            effects: effects, clauses: clauses(of: matches, in: scalars),
            hasOrderNumber: entities.contains { $0.type == .orderID }, polarity: polarity)
        let intent = ranked.first?.intent ?? .chitchat
        let sentiment = sentimentScorer.sentiment(polarity: polarity, intent: intent)

        return MessageAnalysis(
            language: language,
            replyLanguage: replyLanguage,
            intent: intent,
            intentConfidence: ranked.first?.probability ?? 0,
            intentCandidates: Array(ranked.prefix(3).enumerated().filter { $0.offset == 0 || $0.element.probability >= 0.01 }
                .map(\.element)),
            entities: entities,
            sentiment: sentiment,
            cues: cues(in: matches, effects: effects, text: scalars),
            claimedCondition: conditionDetector.detect(effects: effects, intent: intent),
            requestedVariant: variantExtractor.extract(text: scalars, matches: matches, effects: effects, intent: intent),
            languageIsClear: languageIsClear)
    }

    /// The escalation cues, with overlapping phrases of one kind joined ("要人工" and
    /// "人工客服" in "我要人工客服" are one cue).
    private func cues(in matches: [CueMatch], effects: [[CueEffect]], text: ScalarText) -> [EscalationCue] {
        var spans: [(kind: EscalationCueKind, start: Int, end: Int)] = []
        for (index, match) in matches.enumerated() {
            for case .escalation(let kind) in effects[index] {
                if let last = spans.lastIndex(where: { $0.kind == kind }), spans[last].end > match.start {
                    spans[last].end = max(spans[last].end, match.end)
                } else {
                    spans.append((kind, match.start, match.end))
                }
            }
        }
        return spans.map { EscalationCue(kind: $0.kind, text: text.text($0.start..<$0.end), start: $0.start, end: $0.end) }
    }

    /// The clause of each match: the number of clause breaks before it.
    private func clauses(of matches: [CueMatch], in text: ScalarText) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(matches.count)
        var clause = 0
        var position = 0
        for match in matches {
            while position < match.start {
                if text.folded[position].isClauseBreak { clause += 1 }
                position += 1
            }
            result.append(clause)
        }
        return result
    }
}
