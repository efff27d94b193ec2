import SupportModel

/// Finds entities with exact Unicode-scalar offsets by scanning scalars, never with regular
/// expressions. Scanners run from the most specific pattern to the least, and a span taken
/// by one entity cannot be taken by another: an email is found before the digits inside it,
/// a date like `2026-11-20` before a phone number, a phone number before an order number.
struct EntityExtractor {
    let text: ScalarText
    let matches: [CueMatch]
    let effects: [[CueEffect]]
    let context: AnalysisContext
    private(set) var entities: [Entity] = []
    /// Spans no entity may overlap any more (entities and URLs).
    private(set) var taken: [Bool]

    /// Context words (订单号, tracking, 电话, refund) with their spans.
    let contextCues: [(start: Int, end: Int, kind: EntityContext)]

    init(text: ScalarText, matches: [CueMatch], effects: [[CueEffect]], context: AnalysisContext) {
        self.text = text
        self.matches = matches
        self.effects = effects
        self.context = context
        taken = Array(repeating: false, count: text.count)
        var cues: [(start: Int, end: Int, kind: EntityContext)] = []
        for (index, match) in matches.enumerated() {
            for case .entityContext(let kind) in effects[index] {
                cues.append((match.start, match.end, kind))
            }
        }
        contextCues = cues
    }

    /// Runs every scanner and returns the entities in text order.
    mutating func extract() -> [Entity] {
        scanEmails()
        scanURLs()
        scanNumericDates()
        scanMarkedAmounts()
        scanSeparatedPhones()
        scanCodes()
        scanBareAmounts()
        scanWordDates()
        scanProducts()
        return entities.sorted { $0.start < $1.start }
    }

    /// Spans of codes, emails, phones and URLs: their letters are not words, for the lexicon
    /// or for language detection.
    var codeRanges: [Range<Int>] {
        let all = entities.map { $0.start..<$0.end }
        var ranges = entities.filter { [.orderID, .trackingNumber, .phone, .email].contains($0.type) }.map { $0.start..<$0.end }
        var i = 0
        while i < taken.count {
            if taken[i], !all.contains(where: { $0.contains(i) }) {
                var end = i
                while end < taken.count, taken[end] { end += 1 }
                ranges.append(i..<end)
                i = end
            } else {
                i += 1
            }
        }
        return ranges
    }

    /// Whether no part of `range` is taken.
    func isFree(_ range: Range<Int>) -> Bool {
        !range.isEmpty && range.upperBound <= taken.count && !taken[range].contains(true)
    }

    /// Records an entity over `range` unless part of it is taken; returns whether it did.
    @discardableResult
    mutating func add(_ type: EntityType, _ range: Range<Int>, normalized: String?) -> Bool {
        guard isFree(range) else { return false }
        entities.append(Entity(type: type, text: text.text(range), start: range.lowerBound, end: range.upperBound,
                               normalized: normalized))
        take(range)
        return true
    }

    /// Marks `range` as taken without recording an entity.
    mutating func take(_ range: Range<Int>) {
        for i in range { taken[i] = true }
    }

    /// The nearest context word that ends at most `maxGap` scalars before `start`, with only
    /// spaces, `#`, `:`, `是`, `为`, `号` or letters between (no digits, no clause break).
    func context(before start: Int, maxGap: Int = 8) -> EntityContext? {
        var best: (end: Int, kind: EntityContext)?
        for cue in contextCues where cue.end <= start && start - cue.end <= maxGap {
            guard isContextGap(cue.end..<start) else { continue }
            if best == nil || cue.end > best!.end { best = (cue.end, cue.kind) }
        }
        return best?.kind
    }

    /// A context word of `kind` starting at most `maxGap` scalars after `end`.
    func hasContext(_ kind: EntityContext, after end: Int, maxGap: Int = 3) -> Bool {
        contextCues.contains { $0.kind == kind && $0.start >= end && $0.start - end <= maxGap && isContextGap(end..<$0.start) }
    }

    private func isContextGap(_ range: Range<Int>) -> Bool {
        for i in range {
            let scalar = text.folded[i]
            if scalar.isASCIIDigit { return false }
            if scalar.isClauseBreak, scalar != ":" { return false }
            if scalar.isHan, !"是为号的这那个".unicodeScalars.contains(scalar) { return false }
        }
        return true
    }

    /// Records products from the lexicon where nothing else was found.
    private mutating func scanProducts() {
        for (index, match) in matches.enumerated() where effects[index].contains(.product) {
            add(.product, match.start..<match.end, normalized: nil)
        }
    }
}
