import SupportModel

/// Script-based language detection with mixed messages.
///
/// Chinese weight is the number of Han characters; English weight is 1.6 per English word
/// (about the characters a Chinese word takes). Words inside entities (emails, tracking
/// numbers) do not count; single letters, short all-capital acronyms (`XL`, `VIP`) and
/// loanwords common in Chinese chats (`ok`, `iPhone`) count only when there is no Chinese. A message is mixed when the smaller
/// language has at least one unit and a share of at least `mixedShare`.
struct LanguageDetector: Sendable {
    /// Weight of one English word in Han characters.
    var englishWordWeight = 1.6
    /// Share of the smaller language from which a message is mixed.
    var mixedShare = 0.08

    /// Latin words used inside Chinese sentences that do not make them mixed.
    static let loanwords: Set<String> = [
        "ok", "okay", "app", "wifi", "vip", "bug", "iphone", "ipad", "airpods", "macbook", "kindle", "switch", "pro", "max",
        "plus", "mini", "id", "pdf", "usb", "tv", "diy", "logo", "pk", "nb", "hi", "hello", "sorry", "bye", "type", "c",
    ]

    static let longestLoanword = loanwords.map(\.count).max() ?? 0

    /// Short Chinese acknowledgements that customers of either language type.
    static let acknowledgements: Set<String> = [
        "好", "好的", "好滴", "嗯", "嗯嗯", "哦", "哦哦", "噢", "行", "可以", "收到", "对", "是", "是的", "谢", "ok", "okay", "k", "kk",
    ]

    /// The message language, the language to reply in, and whether the text shows its
    /// language at all: at least two Han characters or one English word that is not a
    /// loanword, and not just an acknowledgement ("好", "ok"). An order number alone, an
    /// emoji or "好" shows none; the reply language then follows the conversation.
    func detect(_ text: ScalarText, excluding covered: [Range<Int>], context: AnalysisContext) -> (Language, Language, Bool) {
        var han = 0.0
        var words = 0.0
        var weakWords = 0.0
        var fullWidthPunctuation = false
        let scalars = text.scalars
        let folded = text.folded
        var i = 0
        var coveredIndex = 0
        let sortedCovered = covered.sorted { $0.lowerBound < $1.lowerBound }
        while i < scalars.count {
            while coveredIndex < sortedCovered.count, sortedCovered[coveredIndex].upperBound <= i { coveredIndex += 1 }
            if coveredIndex < sortedCovered.count, sortedCovered[coveredIndex].contains(i) {
                i = sortedCovered[coveredIndex].upperBound
                continue
            }
            let scalar = scalars[i]
            if scalar.isHan {
                han += 1
                i += 1
            } else if folded[i].isASCIILetter {
                var end = i
                while end < scalars.count, folded[end].isASCIILetter || folded[end] == "'" { end += 1 }
                if isEnglishWord(scalars[i..<end], folded: folded[i..<end]) { words += 1 } else { weakWords += 1 }
                i = end
            } else {
                if (0xFF01...0xFF5E).contains(scalar.value) || (0x3000...0x303F).contains(scalar.value) {
                    fullWidthPunctuation = true
                }
                i += 1
            }
        }
        var bare = ""
        bare.unicodeScalars.append(contentsOf: folded.filter { $0.properties.isAlphabetic })
        let clear = (han >= 2 || words >= 1) && !Self.acknowledgements.contains(bare)
        // Loanwords and acronyms make a message English only when it has no Chinese at all.
        let english = (han == 0 ? words + weakWords : words) * englishWordWeight
        if han == 0, english == 0 {
            let fallback: Language = fullWidthPunctuation ? .chinese : (context.localeLanguage == "en" ? .english : .chinese)
            return (fallback, fallback, false)
        }
        let reply: Language
        if han == english {
            reply = context.localeLanguage == "en" ? .english : .chinese
        } else {
            reply = han > english ? .chinese : .english
        }
        let smaller = min(han, english)
        if smaller >= 1, smaller / (han + english) >= mixedShare { return (.mixed, reply, clear) }
        return (reply, reply, clear)
    }

    private func isEnglishWord(_ original: ArraySlice<Unicode.Scalar>, folded: ArraySlice<Unicode.Scalar>) -> Bool {
        if original.count < 2 { return original.first == "I" }
        let isCapitals = original.allSatisfy { ("A"..."Z").contains($0) }
        if isCapitals, original.count <= 4 { return false }
        if original.count > LanguageDetector.longestLoanword { return true }
        var word = ""
        word.unicodeScalars.append(contentsOf: folded)
        return !LanguageDetector.loanwords.contains(word)
    }
}
