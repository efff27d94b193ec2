import Understanding
import SupportPipeline
import JSONSchema
import SupportModel

/// The core of `support-worker analyze`: one JSON line in, one JSON line out.
///
/// Input: `{"id": …, "text": "…"}` with optional `locale` and `reference_date`
/// (`YYYY-MM-DD`, the day relative dates count from; today when absent). Output: the id,
/// language and reply language, intent with its confidence and the top candidates, entities
/// with type, text, Unicode-scalar offsets and normalized value, sentiment label and score,
/// the escalation cues, claimed condition and requested variant, and `escalate` with its
/// `reasons` as `escalationReasons` judges the message alone (the worker's escalation rules,
/// without the conversation, order and policy facts). A line that cannot be analyzed gives
/// `{"id": …, "error": "…"}`.
public struct AnalyzeProcessor: Sendable {
    /// The escalation reasons (reason codes) the message alone would raise.
    public typealias EscalationJudge = @Sendable (MessageAnalysis) -> [String]

    /// The analyzer that understands each text.
    public var analyzer: any MessageAnalyzer
    /// Decides the `escalate` and `reasons` fields.
    public var escalationReasons: EscalationJudge
    /// The day relative dates count from when a line has no `reference_date`; today when nil.
    public var referenceDay: CalendarDay?

    public init(
        analyzer: any MessageAnalyzer, escalationReasons: @escaping EscalationJudge, referenceDay: CalendarDay? = nil
    ) {
        self.analyzer = analyzer
        self.escalationReasons = escalationReasons
        self.referenceDay = referenceDay
    }

    /// The output line for one input line (without a trailing newline).
    public func process(line: String) async -> String {
        let request: JSONValue
        do {
            request = try JSONValue.parse(line)
        } catch {
            return Self.error(id: .null, "line is not valid JSON: \(error)")
        }
        guard case .object(let fields) = request else {
            return Self.error(id: .null, "line must be a JSON object, got \(request.typeName)")
        }
        let id = fields["id"] ?? .null
        guard let textValue = fields["text"] else { return Self.error(id: id, "missing field \"text\"") }
        guard case .string(let text) = textValue else {
            return Self.error(id: id, "field \"text\" must be a string, got \(textValue.typeName)")
        }
        var locale: String?
        if let value = fields["locale"], !value.isNull {
            guard case .string(let string) = value else {
                return Self.error(id: id, "field \"locale\" must be a string, got \(value.typeName)")
            }
            locale = string
        }
        var day = referenceDay ?? .today()
        if let value = fields["reference_date"], !value.isNull {
            guard case .string(let string) = value, let parsed = try? CalendarDay(iso: string) else {
                return Self.error(id: id, "field \"reference_date\" must be a date YYYY-MM-DD")
            }
            day = parsed
        }
        do {
            let analysis = try await analyzer.analyze(text, context: AnalysisContext(locale: locale, referenceDay: day))
            return output(id: id, analysis).serialized()
        } catch let error as UnderstandingError {
            return Self.error(id: id, error.description)
        } catch {
            return Self.error(id: id, "analysis failed")
        }
    }

    private func output(id: JSONValue, _ analysis: MessageAnalysis) -> JSONValue {
        let reasons = escalationReasons(analysis)
        return .object([
            "id": id,
            "language": .string(analysis.language.rawValue),
            "reply_language": .string(analysis.replyLanguage.rawValue),
            "intent": .string(analysis.intent.rawValue),
            "confidence": .double(Self.rounded(analysis.intentConfidence)),
            "intent_candidates": .array(analysis.intentCandidates.map {
                .object(["intent": .string($0.intent.rawValue), "probability": .double(Self.rounded($0.probability))])
            }),
            "entities": .array(analysis.entities.map { entity in
                .object([
                    "type": .string(entity.type.rawValue), "text": .string(entity.text), "start": .int(Int64(entity.start)),
                    "end": .int(Int64(entity.end)), "normalized": entity.normalized.map(JSONValue.string) ?? .null,
                ])
            }),
            "sentiment": .object([
                "label": .string(analysis.sentiment.label.rawValue), "score": .double(Self.rounded(analysis.sentiment.score)),
            ]),
            "cues": .array(analysis.cues.map { cue in
                .object([
                    "kind": .string(cue.kind.rawValue), "text": .string(cue.text), "start": .int(Int64(cue.start)),
                    "end": .int(Int64(cue.end)),
                ])
            }),
            "claimed_condition": analysis.claimedCondition.map { .string($0.rawValue) } ?? .null,
            "requested_variant": analysis.requestedVariant.map(JSONValue.string) ?? .null,
            "escalate": .bool(!reasons.isEmpty),
            "reasons": .array(reasons.map(JSONValue.string)),
        ])
    }

    private static func error(id: JSONValue, _ message: String) -> String {
        JSONValue.object(["id": id, "error": .string(message)]).serialized()
    }

    private static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
