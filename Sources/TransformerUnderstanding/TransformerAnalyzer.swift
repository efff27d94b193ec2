import Foundation
import InferenceRuntime
import SupportModel
import Understanding

/// Understands messages with the Transformer (`UnderstandingModel`) served by an
/// `InferencePool` (requests of concurrent messages are batched), together with the rules:
///
/// - intent, its calibrated confidence and the candidates, and sentiment come from the model;
/// - escalation cues are the rules' and the model's (a cue either finds escalates: recall first);
/// - entities: the model finds the spans (a code's span covers the whole code); each is
///   normalized by the rules' validators (the rule scanners run on the span: amounts to minor
///   units, dates relative to the message's day, phones, e-mails, tracking numbers); order
///   numbers of any common shape are kept as typed (without `#` and spaces, upper case).
///   Where the rules read a tracking number, phone, e-mail, amount or date (validated shapes)
///   over a model span, or the same type, the rules' entity stands; the rules' entities of
///   those types and their order numbers are added where the model marks nothing; products
///   are the model's alone.
/// - language, reply language, claimed condition and wanted variant stay the rules'.
///
/// When the model fails (the pool shut down, a deadline), the rules' analysis stands and
/// `onFailure` hears of it: understanding degrades instead of stopping the worker.
public struct TransformerAnalyzer: MessageAnalyzer {
    public let model: UnderstandingModel
    public let pool: InferencePool
    /// The pool's name for the model's fine-tuned variant.
    public let modelName: String
    public let rules: RuleBasedAnalyzer
    /// How long a message may wait for the model before the rules answer alone.
    public var timeout: Duration
    let onFailure: @Sendable (any Error) -> Void

    public init(
        model: UnderstandingModel, pool: InferencePool, modelName: String = "understanding",
        rules: RuleBasedAnalyzer = RuleBasedAnalyzer(), timeout: Duration = .seconds(10),
        onFailure: @escaping @Sendable (any Error) -> Void = { _ in }
    ) {
        self.model = model
        self.pool = pool
        self.modelName = modelName
        self.rules = rules
        self.timeout = timeout
        self.onFailure = onFailure
    }

    public func analyze(_ text: String, context: AnalysisContext) async throws -> MessageAnalysis {
        var analysis = try rules.analysis(of: text, context: context)
        let reading: ModelReading
        do {
            let input = model.input(text)
            let encoded = try await pool.encode(input.ids, model: modelName, deadline: .now + timeout)
            reading = model.read(tokenStates: encoded.tokenStates, ranges: input.ranges, text: text)
        } catch {
            onFailure(error)
            return analysis
        }
        Self.merge(reading, into: &analysis, text: text, context: context, rules: rules)
        return analysis
    }

    /// The rules' analysis with the model's reading merged in (see the type's summary).
    public static func merge(
        _ reading: ModelReading, into analysis: inout MessageAnalysis, text: String, context: AnalysisContext,
        rules: RuleBasedAnalyzer
    ) {
        if let top = reading.intents.first {
            analysis.intent = top.intent
            analysis.intentConfidence = top.probability
            analysis.intentCandidates = Array(reading.intents.prefix(3))
        }
        analysis.sentiment = reading.sentiment
        let scalars = Array(text.unicodeScalars)
        for (kind, _) in reading.cues.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !analysis.hasCue(kind) {
            analysis.cues.append(EscalationCue(kind: kind, text: text, start: 0, end: scalars.count))
        }
        analysis.entities = mergedEntities(reading.spans, rules: analysis.entities, scalars: scalars, context: context, analyzer: rules)
    }

    /// Types whose shapes the rules read precisely (validated patterns): where a rule entity
    /// of one of these types overlaps a model span, the rule's entity stands.
    static let ruleFirstTypes: Set<EntityType> = [.trackingNumber, .phone, .email, .amount, .date]
    /// Types the rules' entities are added for where the model marks nothing over them.
    static let ruleTypes: Set<EntityType> = [.orderID, .trackingNumber, .phone, .email, .amount, .date]
    /// Codes: a model span of one of these types covers the whole code it touches.
    static let codeTypes: Set<EntityType> = [.orderID, .trackingNumber, .phone, .email]

    static func mergedEntities(
        _ spans: [ModelReading.Span], rules ruled: [Entity], scalars: [Unicode.Scalar], context: AnalysisContext,
        analyzer: RuleBasedAnalyzer
    ) -> [Entity] {
        var entities: [Entity] = []
        for span in snapped(spans, in: scalars) {
            let overlapping = ruled.filter { $0.start < span.range.upperBound && span.range.lowerBound < $0.end }
            if var rule = overlapping.first(where: { $0.type == span.type || ruleFirstTypes.contains($0.type) }) {
                rule.type = codeType(rule.type, at: rule.start, scalars: scalars)
                entities.append(rule)
                continue
            }
            let text = String(String.UnicodeScalarView(scalars[span.range]))
            let type = codeType(span.type, at: span.range.lowerBound, scalars: scalars)
            let value = normalized(type, text, context: context, analyzer: analyzer)
            // A date, phone or e-mail the validators cannot read is no such thing ("晚", "200"),
            // nor an amount without a number ("折").
            let isNumber = text.unicodeScalars.contains { ("0"..."9").contains($0) || "一二三四五六七八九十百千万两".unicodeScalars.contains($0) }
            if value == nil && type != .product && !(type == .amount && isNumber) { continue }
            entities.append(Entity(type: type, text: text, start: span.range.lowerBound, end: span.range.upperBound, normalized: value))
        }
        for var rule in ruled where ruleTypes.contains(rule.type) {
            let covered = entities.contains { $0.start < rule.end && rule.start < $0.end }
            rule.type = codeType(rule.type, at: rule.start, scalars: scalars)
            if !covered { entities.append(rule) }
        }
        var seen: Set<String> = []
        return entities.sorted { ($0.start, $0.end) < ($1.start, $1.end) }.filter {
            seen.insert("\($0.type.rawValue):\($0.start):\($0.end)").inserted
        }
    }

    /// Words just before a code that say which kind it is: a code the model read as the one
    /// kind right after a word naming the other is taken as the named kind ("订单号JD2983…" is
    /// an order even though JD's tracking numbers look alike).
    static let orderWords = ["订单", "order", "單號", "訂單"]
    static let trackingWords = ["快递", "物流", "运单", "快遞", "tracking", "waybill", "fedex", "ups", "dhl", "usps", "顺丰", "中通", "圆通", "韵达", "申通"]

    static func codeType(_ type: EntityType, at start: Int, scalars: [Unicode.Scalar]) -> EntityType {
        guard type == .orderID || type == .trackingNumber else { return type }
        let before = String(String.UnicodeScalarView(scalars[max(0, start - 12)..<start])).lowercased()
        func lastMention(_ words: [String]) -> String.Index? {
            words.compactMap { before.range(of: $0, options: .backwards)?.lowerBound }.max()
        }
        switch (lastMention(orderWords), lastMention(trackingWords)) {
        case (let order?, let tracking?): return order > tracking ? .orderID : .trackingNumber
        case (_?, nil): return .orderID
        case (nil, _?): return .trackingNumber
        case (nil, nil): return type
        }
    }

    /// Model spans with codes widened to the whole code they touch (the tags sometimes stop
    /// or restart inside one: "JD" + "993021746612", "R" + "7TQ2"), and the pieces of one code
    /// joined, with the type of its longest piece.
    static func snapped(_ spans: [ModelReading.Span], in scalars: [Unicode.Scalar]) -> [ModelReading.Span] {
        func isCode(_ s: Unicode.Scalar, email: Bool) -> Bool {
            (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))) || s == "-" || s == "_"
                || (email && (s == "." || s == "@" || s == "+"))
        }
        var widened: [(span: ModelReading.Span, length: Int)] = []
        for span in spans {
            guard codeTypes.contains(span.type) else {
                widened.append((span, span.range.count))
                continue
            }
            let email = span.type == .email
            var start = span.range.lowerBound, end = span.range.upperBound
            while start > 0, isCode(scalars[start - 1], email: email), isCode(scalars[start], email: email) { start -= 1 }
            while end < scalars.count, isCode(scalars[end], email: email), isCode(scalars[end - 1], email: email) { end += 1 }
            // Codes end before a trailing dash or dot.
            while end > start + 1, "-_.".unicodeScalars.contains(scalars[end - 1]) { end -= 1 }
            widened.append((ModelReading.Span(type: span.type, range: start..<end), span.range.count))
        }
        var joined: [(span: ModelReading.Span, length: Int)] = []
        for piece in widened.sorted(by: { $0.span.range.lowerBound < $1.span.range.lowerBound }) {
            if let last = joined.last, codeTypes.contains(last.span.type), codeTypes.contains(piece.span.type),
                last.span.range.overlaps(piece.span.range)
            {
                let range = last.span.range.lowerBound..<max(last.span.range.upperBound, piece.span.range.upperBound)
                let type = piece.length > last.length ? piece.span.type : last.span.type
                joined[joined.count - 1] = (ModelReading.Span(type: type, range: range), max(piece.length, last.length))
            } else {
                joined.append(piece)
            }
        }
        return joined.map(\.span)
    }

    /// The normalized value of a model span: what the rule scanner of its type reads in it, or
    /// the span cleaned of separators for codes.
    static func normalized(
        _ type: EntityType, _ text: String, context: AnalysisContext, analyzer: RuleBasedAnalyzer
    ) -> String? {
        if let found = try? analyzer.analysis(of: text, context: context).entities.first(where: { $0.type == type }),
            found.normalized != nil
        {
            return found.normalized
        }
        let folded = text.precomposedStringWithCompatibilityMapping
        switch type {
        case .orderID, .trackingNumber:
            let kept = folded.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" }
            let code = String(String.UnicodeScalarView(kept)).uppercased()
            return code.isEmpty ? nil : code
        case .phone:
            let digits = folded.unicodeScalars.filter { ("0"..."9").contains($0) }
            return digits.count >= 6 ? (folded.hasPrefix("+") ? "+" : "") + String(String.UnicodeScalarView(digits)) : nil
        case .email:
            return folded.contains("@") ? folded.lowercased() : nil
        case .product, .amount, .date:
            return nil
        }
    }
}
