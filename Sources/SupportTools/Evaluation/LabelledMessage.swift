import JSONSchema
import SupportModel
import Understanding

/// One line of an evaluation file: `analyze`'s input with the gold labels beside it.
///
/// ```json
/// {"id": "t1", "text": "订单JD2938 还没到，我要投诉", "reference_date": "2026-11-20",
///  "intent": "not_received", "sentiment": "negative", "language": "zh",
///  "entities": [{"type": "order_id", "start": 2, "end": 8, "normalized": "JD2938"}],
///  "cues": [], "claimed_condition": null, "requested_variant": null}
/// ```
///
/// Only `text` is required; each label that is present is scored, each that is absent is not.
/// An entity may give `start`/`end` (Unicode scalars, as `analyze` reports them) or only its
/// `text` (then the first occurrence counts). `cues` lists the escalation cues (`human_request`,
/// `legal_threat`, `safety`); `must_escalate: true` alone marks a message a human must see
/// without naming the cue.
public struct LabelledMessage: Sendable {
    public struct Span: Sendable, Hashable {
        public var type: EntityType
        public var start: Int
        public var end: Int
        public var normalized: String?

        public init(type: EntityType, start: Int, end: Int, normalized: String? = nil) {
            self.type = type
            self.start = start
            self.end = end
            self.normalized = normalized
        }
    }

    /// The line's `id`, or its line number.
    public var id: String
    public var text: String
    public var locale: String?
    public var referenceDay: CalendarDay?
    public var intent: Intent?
    public var sentiment: SentimentLabel?
    public var language: Language?
    public var entities: [Span]?
    /// Gold escalation cues; nil when the line labels none of them.
    public var cues: Set<EscalationCueKind>?
    /// Whether a human must see the message; nil when unlabelled.
    public var mustEscalate: Bool?
    /// Gold claimed condition, when the line has the key (null means none).
    public var condition: ClaimedCondition??
    /// Gold requested variant, when the line has the key (null means none).
    public var variant: String??

    /// Reads one line; `number` (from 1) names it in errors and stands for a missing id.
    public init(line: String, number: Int) throws(LabelledMessageError) {
        func fail(_ problem: String) -> LabelledMessageError { LabelledMessageError(line: number, problem: problem) }
        let fields: [String: JSONValue]
        switch JSONValue.objectMembers(line) {
        case .success(let members): fields = members
        case .failure(let problem): throw fail(problem.description)
        }
        func string(_ key: String) throws(LabelledMessageError) -> String? {
            guard let value = fields[key], !value.isNull else { return nil }
            guard case .string(let text) = value else { throw fail("\"\(key)\" must be a string, got \(value.typeName)") }
            return text
        }
        func label<T: RawRepresentable<String> & CaseIterable>(_ key: String, _: T.Type) throws(LabelledMessageError) -> T? {
            guard let raw = try string(key) else { return nil }
            guard let value = T(rawValue: raw) else {
                let known = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("unknown \(key) \"\(raw)\" (one of: \(known))")
            }
            return value
        }
        switch fields["id"] {
        case .string(let value): id = value
        case .int(let value): id = String(value)
        default: id = "line \(number)"
        }
        guard let text = try string("text"), !text.isEmpty else { throw fail("missing or empty \"text\"") }
        self.text = text
        locale = try string("locale")
        if let day = try string("reference_date") {
            guard let parsed = try? CalendarDay(iso: day) else { throw fail("\"reference_date\" must be a date YYYY-MM-DD") }
            referenceDay = parsed
        }
        intent = try label("intent", Intent.self)
        sentiment = try label("sentiment", SentimentLabel.self)
        language = try label("language", Language.self)
        let scalars = Array(text.unicodeScalars)
        if let value = fields["entities"], !value.isNull {
            guard case .array(let items) = value else { throw fail("\"entities\" must be a list") }
            var spans: [Span] = []
            for item in items {
                guard let typeName = item["type"]?.stringValue else { throw fail("an entity without a \"type\"") }
                guard let type = EntityType(rawValue: typeName) else {
                    let known = EntityType.allCases.map(\.rawValue).joined(separator: ", ")
                    throw fail("unknown entity type \"\(typeName)\" (one of: \(known))")
                }
                let normalized = item["normalized"]?.stringValue
                if let start = item["start"]?.intValue, let end = item["end"]?.intValue {
                    guard start >= 0, start < end, end <= scalars.count else {
                        throw fail("entity \(typeName) \(start)..<\(end) is outside the text (\(scalars.count) characters)")
                    }
                    spans.append(Span(type: type, start: Int(start), end: Int(end), normalized: normalized))
                } else if let spanText = item["text"]?.stringValue, let found = Self.find(spanText, in: scalars) {
                    spans.append(Span(type: type, start: found.lowerBound, end: found.upperBound, normalized: normalized))
                } else {
                    throw fail("entity \(typeName) needs start and end, or a text that occurs in the message")
                }
            }
            entities = spans
        }
        if let value = fields["cues"], !value.isNull {
            guard case .array(let items) = value else { throw fail("\"cues\" must be a list") }
            var kinds: Set<EscalationCueKind> = []
            for item in items {
                guard let raw = item.stringValue ?? item["kind"]?.stringValue, let kind = EscalationCueKind(rawValue: raw) else {
                    let known = EscalationCueKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw fail("\"cues\" holds something other than a cue name (one of: \(known))")
                }
                kinds.insert(kind)
            }
            cues = kinds
        }
        if let value = fields["must_escalate"], !value.isNull {
            guard case .bool(let flag) = value else { throw fail("\"must_escalate\" must be true or false") }
            mustEscalate = flag
        } else if let cues {
            mustEscalate = !cues.isEmpty
        }
        if fields["claimed_condition"] != nil {
            if let raw = try string("claimed_condition") {
                let condition = ClaimedCondition(rawValue: raw)
                guard ClaimedCondition.known.contains(condition) else {
                    let known = ClaimedCondition.known.map(\.rawValue).joined(separator: ", ")
                    throw fail("unknown claimed_condition \"\(raw)\" (one of: \(known))")
                }
                self.condition = .some(condition)
            } else {
                condition = .some(nil)
            }
        }
        if let value = fields["requested_variant"] {
            variant = .some(value.isNull ? nil : try string("requested_variant"))
        }
    }

    private static func find(_ needle: String, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        let target = Array(needle.unicodeScalars)
        guard !target.isEmpty, target.count <= scalars.count else { return nil }
        for start in 0...(scalars.count - target.count) where scalars[start..<(start + target.count)].elementsEqual(target) {
            return start..<(start + target.count)
        }
        return nil
    }
}

/// A line of an evaluation file that cannot be read.
public struct LabelledMessageError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let problem: String
    public var description: String { "line \(line): \(problem)" }
}

extension LabelledMessage {
    /// Reads a line of the project's labelled-message files (`training/data/…`, checked by
    /// `training/data/labelled.py`):
    ///
    ///     <intent> <sentiment> <language> [cond=<condition>] [var=<variant>] [cues=<kind>,…] :: <text>
    ///
    /// with entity spans marked inline as `[text](type)` or `[text](type=normalized)`. Returns
    /// nil for blank lines and `#` comments.
    public init?(labelledLine line: String, number: Int, referenceDay: CalendarDay? = nil) throws(LabelledMessageError) {
        func fail(_ problem: String) -> LabelledMessageError { LabelledMessageError(line: number, problem: problem) }
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty, !line.hasPrefix("#") else { return nil }
        guard let separator = line.range(of: " :: ") else { throw fail("missing \" :: \" between the labels and the text") }
        let fields = line[..<separator.lowerBound].split(separator: " ").map(String.init)
        guard fields.count >= 3 else { throw fail("expected intent, sentiment and language before \" :: \"") }
        guard let intent = Intent(rawValue: fields[0]) else { throw fail("unknown intent \"\(fields[0])\"") }
        guard let sentiment = SentimentLabel(rawValue: fields[1]) else { throw fail("unknown sentiment \"\(fields[1])\"") }
        guard let language = Language(rawValue: fields[2]) else { throw fail("unknown language \"\(fields[2])\"") }
        var cues: Set<EscalationCueKind> = []
        var condition: ClaimedCondition?
        var variant: String?
        for field in fields.dropFirst(3) {
            guard let equals = field.firstIndex(of: "=") else { throw fail("field \"\(field)\" is not key=value") }
            let key = field[..<equals], value = String(field[field.index(after: equals)...])
            switch key {
            case "cues":
                for name in value.split(separator: ",") {
                    guard let kind = EscalationCueKind(rawValue: String(name)) else { throw fail("unknown cue \"\(name)\"") }
                    cues.insert(kind)
                }
            case "cond":
                let parsed = ClaimedCondition(rawValue: value)
                guard ClaimedCondition.known.contains(parsed) else { throw fail("unknown condition \"\(value)\"") }
                condition = parsed
            case "var": variant = value
            default: throw fail("unknown field \"\(key)\"")
            }
        }
        // Inline spans: [text](type) or [text](type=normalized).
        let marked = Array(line[separator.upperBound...].unicodeScalars)
        var text = String.UnicodeScalarView()
        var spans: [Span] = []
        var i = 0
        while i < marked.count {
            if marked[i] == "[", let close = marked[(i + 1)...].firstIndex(of: "]"), close + 1 < marked.count, marked[close + 1] == "(",
                let end = marked[(close + 2)...].firstIndex(of: ")"), !marked[(i + 1)..<close].contains("[")
            {
                let label = String(String.UnicodeScalarView(marked[(close + 2)..<end]))
                let parts = label.split(separator: "=", maxSplits: 1).map(String.init)
                guard let type = EntityType(rawValue: parts.first ?? "") else { throw fail("unknown entity type in \"(\(label))\"") }
                let start = text.count
                text.append(contentsOf: marked[(i + 1)..<close])
                spans.append(Span(type: type, start: start, end: text.count, normalized: parts.count == 2 ? parts[1] : nil))
                i = end + 1
            } else {
                text.append(marked[i])
                i += 1
            }
        }
        let plain = String(text)
        guard !plain.isEmpty, plain == plain.trimmingCharacters(in: .whitespaces) else {
            throw fail("the text is empty or has spaces at its ends")
        }
        id = "line \(number)"
        self.text = plain
        locale = nil
        self.referenceDay = referenceDay
        self.intent = intent
        self.sentiment = sentiment
        self.language = language
        entities = spans
        self.cues = cues
        mustEscalate = !cues.isEmpty
        self.condition = .some(condition)
        self.variant = .some(variant)
    }
}
