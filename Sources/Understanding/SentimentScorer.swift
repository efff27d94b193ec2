import Foundation
import SupportModel

/// Lexicon sentiment: word polarities, made stronger by intensifiers ("非常", "so"),
/// flipped by negation ("不满意", "not happy"), plus the typography of anger: runs of "!!"
/// or "??" and SHOUTED words when the words are not positive.
struct SentimentScorer: Sendable {
    /// Polarity at or beyond which a message is positive or negative.
    var threshold = 0.7
    /// Polarity added per run of two or more "!" or "?" in a message that is not positive.
    var punctuationRun = -0.6
    /// Polarity added per shouted word (three or more capitals) in a message that is not positive.
    var shoutedWord = -0.7
    /// Polarity added per single "!" in a message that is not positive.
    var exclamation = -0.3
    /// Polarity added when the message reports a problem (defect, wrong item, lost or late
    /// parcel): a bare report stays neutral, one more sign of upset makes it negative.
    var problemReport = -0.4
    /// Factor on the positive polarity of a message that only chats ("thanks!").
    var chitchatWarmth = 1.5

    /// Acronyms that are not shouting.
    static let acronyms: Set<String> = [
        "VAT", "USB", "LED", "UPS", "DHL", "EMS", "SKU", "BBB", "FTC", "RMB", "USD", "CNY", "EUR", "GBP", "HKD", "ETA", "FAQ",
        "APP", "VIP", "PDF", "SMS", "DIY", "OEM", "XXL", "XXXL", "XL", "TV", "HD", "PRO", "MAX", "NFC", "GPS", "LCD", "USA",
        "ID", "ASAP", "DOA", "RMA", "SIM", "PIN", "OTP", "API", "AM", "PM", "CEO", "UK", "US",
    ]

    /// The polarity of a message from its words and typography, before the intent is known.
    func polarity(matches: [CueMatch], effects: [[CueEffect]], text: ScalarText) -> Double {
        var polarity = 0.0
        var intensity = 1.0
        var intensifierEnd = -10
        for (index, match) in matches.enumerated() {
            for effect in effects[index] {
                switch effect {
                case .intensifier(let factor):
                    intensity = factor
                    intensifierEnd = match.end
                case .sentiment(let weight):
                    let near = match.start - intensifierEnd <= 2
                    var value = weight * (near ? intensity : 1)
                    if match.negated { value = weight > 0 ? -0.6 * weight : 0.3 * -weight }
                    polarity += value
                    intensity = 1
                default: break
                }
            }
        }
        if polarity <= 0 {
            let (runs, singles) = punctuation(in: text)
            polarity += Double(min(runs, 2)) * punctuationRun + Double(min(singles, 2)) * exclamation
            polarity += Double(min(shoutedWords(in: text), 2)) * shoutedWord
        }
        return polarity
    }

    /// The sentiment once the intent is known.
    func sentiment(polarity: Double, intent: Intent) -> Sentiment {
        var adjusted = polarity
        switch intent {
        case .damagedOrDefective, .wrongOrMissingItem, .notReceived, .shippingDelay:
            if polarity <= 0 { adjusted += problemReport }
        case .chitchat:
            if polarity > 0 { adjusted *= chitchatWarmth }
        default: break
        }
        return SentimentScorer.sentiment(polarity: adjusted, threshold: threshold)
    }

    /// Maps a polarity to a label and a score: 0.7 at the threshold, rising towards 1.
    static func sentiment(polarity: Double, threshold: Double) -> Sentiment {
        let magnitude = abs(polarity)
        if magnitude < threshold {
            return Sentiment(label: .neutral, score: 0.9 - 0.3 * magnitude / threshold)
        }
        let score = 1 - 0.3 * exp(-(magnitude - threshold) / 1.2)
        return Sentiment(label: polarity < 0 ? .negative : .positive, score: (score * 1000).rounded() / 1000)
    }

    /// Runs of two or more "!"/"?", and single "!".
    private func punctuation(in text: ScalarText) -> (runs: Int, singles: Int) {
        var runs = 0
        var singles = 0
        var length = 0
        var bang = false
        for scalar in text.folded + [" "] {
            if scalar == "!" || scalar == "?" {
                length += 1
                bang = bang || scalar == "!"
            } else {
                if length >= 2 { runs += 1 } else if length == 1, bang { singles += 1 }
                length = 0
                bang = false
            }
        }
        return (runs, singles)
    }

    private func shoutedWords(in text: ScalarText) -> Int {
        var count = 0
        var start = -1
        let scalars = text.scalars
        for i in 0...scalars.count {
            let isLetter = i < scalars.count && scalars[i].isASCIILetter
            if isLetter, start < 0 { start = i }
            if !isLetter, start >= 0 {
                let word = scalars[start..<i]
                let followedByDigit = i < scalars.count && scalars[i].isASCIIDigit
                let precededByDigit = start > 0 && scalars[start - 1].isASCIIDigit
                if word.count >= 3, !followedByDigit, !precededByDigit, word.allSatisfy({ ("A"..."Z").contains($0) }) {
                    var upper = ""
                    upper.unicodeScalars.append(contentsOf: word)
                    if !SentimentScorer.acronyms.contains(upper) { count += 1 }
                }
                start = -1
            }
        }
        return count
    }
}
