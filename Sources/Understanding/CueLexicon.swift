/// All cue phrases of the rule-based analyzer in one trie over folded scalars, so one pass
/// over a message finds every phrase of every component.
///
/// The phrase lists live in the `CueLexicon+…` files, one per concern. Where one phrase
/// contains another ("退款进度" contains "退款", "fire tv" contains "fire"), the longer one
/// takes over the layers it has (see `removeContained`): a longer phrase with no effects is
/// how false positives are guarded against.
struct CueLexicon: Sendable {
    /// The effects of each distinct phrase.
    struct Cue: Sendable {
        var effects: [CueEffect] = []
        var negatedEffects: [CueEffect] = []
        var isNegator = false

        /// The kinds of effect the phrase has; a phrase without effects (a guard) has all.
        var layers: CueLayers {
            if effects.isEmpty, negatedEffects.isEmpty { return .all }
            return (effects + negatedEffects).reduce(into: CueLayers()) { $0.insert($1.layer) }
        }
    }

    /// The shared lexicon, compiled once.
    static let shared = CueLexicon(entries: allEntries)

    /// Every entry of every concern.
    static var allEntries: [CueEntry] {
        intentEntries + sentimentEntries + escalationEntries + conditionEntries + productEntries
            + entityContextEntries + dateEntries + variantEntries + negationEntries
    }

    private var cues: [Cue] = []
    /// The layers of each cue, computed once.
    private var cueLayers: [CueLayers] = []
    /// Trie edges keyed by `node << 21 | scalar`.
    private var edges: [UInt64: Int32] = [:]
    /// Per node: the cue of a phrase ending there as a whole word, or -1.
    private var wholeWordCue: [Int32] = [-1]
    /// Per node: the cue of a `*` phrase ending there, or -1.
    private var prefixCue: [Int32] = [-1]

    init(entries: [CueEntry]) {
        for entry in entries {
            for phrase in entry.phrases {
                add(phrase: phrase, entry: entry)
            }
        }
        cueLayers = cues.map(\.layers)
    }

    private mutating func add(phrase: String, entry: CueEntry) {
        var scalars = phrase.unicodeScalars.map(ScalarText.fold)
        let isPrefix = scalars.last == "*"
        if isPrefix { scalars.removeLast() }
        precondition(!scalars.isEmpty, "empty cue phrase")
        var node: Int32 = 0
        var previous: Unicode.Scalar = "\0"
        for scalar in scalars where !(scalar == " " && previous == " ") {
            previous = scalar
            let key = UInt64(node) << 21 | UInt64(scalar.value)
            if let child = edges[key] {
                node = child
            } else {
                let child = Int32(wholeWordCue.count)
                wholeWordCue.append(-1)
                prefixCue.append(-1)
                edges[key] = child
                node = child
            }
        }
        var index = isPrefix ? prefixCue[Int(node)] : wholeWordCue[Int(node)]
        if index < 0 {
            index = Int32(cues.count)
            cues.append(Cue())
            if isPrefix { prefixCue[Int(node)] = index } else { wholeWordCue[Int(node)] = index }
        }
        CueLexicon.merge(entry.effects, into: &cues[Int(index)].effects)
        CueLexicon.merge(entry.negatedEffects, into: &cues[Int(index)].negatedEffects)
        if entry.effects.contains(.negator) { cues[Int(index)].isNegator = true }
    }

    /// Adds effects of a phrase listed again (in another list, or in another spelling that
    /// folds to the same text) without counting them twice: intent weights keep the larger.
    private static func merge(_ new: [CueEffect], into effects: inout [CueEffect]) {
        for effect in new {
            if case .intent(let intent, let weight) = effect,
                let index = effects.firstIndex(where: { if case .intent(intent, _) = $0 { true } else { false } })
            {
                if case .intent(_, let old) = effects[index], weight > old { effects[index] = effect }
            } else if !effects.contains(effect) {
                effects.append(effect)
            }
        }
    }

    /// The effects of `match`, taking its negation into account.
    func effects(of match: CueMatch) -> [CueEffect] {
        let cue = cues[match.cue]
        let effects = match.negated ? cue.effects.filter(\.survivesNegation) + cue.negatedEffects : cue.effects
        guard !match.hiddenLayers.isEmpty else { return effects }
        return effects.filter { !match.hiddenLayers.contains($0.layer) }
    }

    /// Whether `match` negates what follows it.
    private func isNegator(_ match: CueMatch) -> Bool {
        cues[match.cue].isNegator && !match.hiddenLayers.contains(.meaning)
    }

    /// Whether `match` only strengthens what follows ("太", "so"): negation reaches past it.
    private func isIntensifier(_ match: CueMatch) -> Bool {
        let effects = cues[match.cue].effects
        return !effects.isEmpty && effects.allSatisfy { if case .intensifier = $0 { true } else { false } }
    }

    /// Every phrase in `text` not contained in a longer one, in order of start (longer first),
    /// with negation marked.
    func matches(in text: ScalarText) -> [CueMatch] {
        let folded = text.folded
        let n = folded.count
        var found: [CueMatch] = []
        for start in 0..<n {
            let first = folded[start]
            if first == " " { continue }
            if first.isASCIIAlphanumeric, start > 0, folded[start - 1].isASCIIAlphanumeric { continue }
            var node: Int32 = 0
            var i = start
            while i < n {
                let scalar = folded[i]
                if scalar == " ", i > start, folded[i - 1] == " " { i += 1; continue }
                guard let child = edges[UInt64(node) << 21 | UInt64(scalar.value)] else { break }
                node = child
                i += 1
                let endsWord = !scalar.isASCIIAlphanumeric || i == n || !folded[i].isASCIIAlphanumeric
                if endsWord, wholeWordCue[Int(node)] >= 0 {
                    found.append(CueMatch(start: start, end: i, cue: Int(wholeWordCue[Int(node)]), negated: false))
                }
                if prefixCue[Int(node)] >= 0, i == n || !folded[i].isASCIIDigit {
                    var end = i
                    while end < n, folded[end].isASCIILetter { end += 1 }
                    found.append(CueMatch(start: start, end: end, cue: Int(prefixCue[Int(node)]), negated: false))
                }
            }
        }
        return markNegation(in: removeContained(found), text: text)
    }

    /// Hides, in a match that lies inside a longer one, the layers the longer one has:
    /// "退款进度" hides "退款", a guard like "fire tv" hides everything inside it, but
    /// "tracking number" (an entity-context phrase) leaves the meaning of "track*" alone.
    /// Matches with every layer hidden are dropped.
    private func removeContained(_ found: [CueMatch]) -> [CueMatch] {
        let sorted = found.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var kept: [CueMatch] = []
        kept.reserveCapacity(sorted.count)
        for (index, match) in sorted.enumerated() {
            var hidden: CueLayers = []
            var other = 0
            while other < sorted.count, sorted[other].start <= match.start {
                let container = sorted[other]
                if other != index, container.end >= match.end, container.end - container.start > match.end - match.start {
                    hidden.formUnion(cueLayers[container.cue])
                }
                other += 1
            }
            let own = cueLayers[match.cue]
            if hidden.isSuperset(of: own) { continue }
            var visible = match
            visible.hiddenLayers = hidden.intersection(own)
            kept.append(visible)
        }
        return kept
    }

    /// Marks the first phrase after a negator, within one clause: at most three Chinese
    /// characters or two English words between them, and no other phrase except an
    /// intensifier ("不太满意"). "haven't received my refund" negates "received", not "refund".
    private func markNegation(in matches: [CueMatch], text: ScalarText) -> [CueMatch] {
        var result = matches
        for index in result.indices where !isNegator(result[index]) {
            let match = result[index]
            var back = index - 1
            while back >= 0, index - back <= 6 {
                let candidate = result[back]
                if candidate.end > match.start || candidate.hiddenLayers.contains(.meaning) || isIntensifier(candidate)
                    || !cueLayers[candidate.cue].contains(.meaning)
                {
                    back -= 1
                    continue
                }
                if isNegator(candidate) {
                    result[index].negated = CueLexicon.isNegationGap(text.folded, candidate.end, match.start)
                }
                break
            }
        }
        return result
    }

    private static func isNegationGap(_ folded: [Unicode.Scalar], _ from: Int, _ to: Int) -> Bool {
        var han = 0
        var words = 0
        var inWord = false
        for scalar in folded[from..<to] {
            if scalar.isClauseBreak || scalar.isASCIIDigit { return false }
            if scalar.isASCIILetter || scalar == "'" {
                if !inWord { words += 1 }
                inWord = true
            } else {
                inWord = false
                if scalar.isHan { han += 1 }
            }
        }
        return han <= 3 && words <= 2
    }
}
