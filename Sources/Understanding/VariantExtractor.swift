import SupportModel

/// The size or colour wanted in an exchange or an order change.
///
/// Mentions are colours and size words from the lexicon, letter sizes (`S`…`XXXL`, `2XL`)
/// written in capitals or next to 码/号/size/a marker, and numeric sizes next to 码/号/size. The wanted
/// one is the first mention governed by a marker right before it ("换成", "for", "in",
/// "need"); without one, the last mention.
struct VariantExtractor: Sendable {
    static let letterSizes: Set<String> = ["xs", "s", "m", "l", "xl", "xxl", "xxxl", "2xl", "3xl", "4xl"]

    private struct Mention {
        let start: Int
        let value: String
    }

    func extract(text: ScalarText, matches: [CueMatch], effects: [[CueEffect]], intent: Intent) -> String? {
        guard intent == .exchangeRequest || intent == .changeOrder else { return nil }
        var mentions: [Mention] = []
        var markerEnds: [Int] = []
        var sizeCueEnds: [Int] = []
        for (index, match) in matches.enumerated() {
            for effect in effects[index] {
                switch effect {
                case .colour(let colour): mentions.append(Mention(start: match.start, value: colour))
                case .size(let size): mentions.append(Mention(start: match.start, value: size))
                case .variantMarker: markerEnds.append(match.end)
                default: break
                }
            }
        }
        let folded = text.folded
        for i in folded.indices where i + 4 <= folded.count && folded[i..<(i + 4)].elementsEqual("size".unicodeScalars) {
            sizeCueEnds.append(i + 4)
        }
        mentions += sizeMentions(text, markerEnds: markerEnds, sizeCueEnds: sizeCueEnds)
        guard !mentions.isEmpty else { return nil }
        mentions.sort { $0.start < $1.start }
        let governed = mentions.first { mention in
            markerEnds.contains { end in end <= mention.start && mention.start - end <= 8 && isGap(text, end, mention.start) }
        }
        return (governed ?? mentions.last)?.value
    }

    /// Letter and numeric sizes written as tokens.
    private func sizeMentions(_ text: ScalarText, markerEnds: [Int], sizeCueEnds: [Int]) -> [Mention] {
        let folded = text.folded
        var found: [Mention] = []
        var i = 0
        while i < folded.count {
            guard folded[i].isASCIIAlphanumeric, i == 0 || !(folded[i - 1].isASCIIAlphanumeric || folded[i - 1] == "'") else {
                i += 1
                continue
            }
            var end = i
            while end < folded.count, folded[end].isASCIIAlphanumeric { end += 1 }
            var token = ""
            token.unicodeScalars.append(contentsOf: folded[i..<end])
            var after = end
            while after < folded.count, folded[after] == " " { after += 1 }
            let unitFollows = after < folded.count && (folded[after] == "码" || folded[after] == "号")
            let sizeCue = sizeCueEnds.contains { $0 <= i && i - $0 <= 2 }
            let governed = sizeCue || markerEnds.contains { $0 <= i && i - $0 <= 4 }
            if VariantExtractor.letterSizes.contains(token) {
                let capitals = text.scalars[i..<end].allSatisfy { !("a"..."z").contains($0) }
                if capitals || unitFollows || governed { found.append(Mention(start: i, value: token.uppercased())) }
            } else if token.unicodeScalars.allSatisfy(\.isASCIIDigit), (1...2).contains(token.count), unitFollows || sizeCue,
                i == 0 || folded[i - 1] != "$"
            {
                found.append(Mention(start: i, value: token))
            }
            i = end
        }
        return found
    }

    private func isGap(_ text: ScalarText, _ from: Int, _ to: Int) -> Bool {
        !text.folded[from..<to].contains { $0.isClauseBreak }
    }
}
