import SupportModel

/// What a lexicon phrase contributes when it is found in a message.
enum CueEffect: Sendable, Hashable {
    /// Evidence for an intent, with its weight.
    case intent(Intent, Double)
    /// A fact that intent rules combine ("refund" + "when" is a refund status question).
    case feature(CueFeature)
    /// Polarity: negative below zero. Negation flips it.
    case sentiment(Double)
    /// Multiplies the polarity of the next sentiment phrase ("非常", "so").
    case intensifier(Double)
    /// Negates the phrases right after it ("没", "not", "didn't").
    case negator
    /// A phrase that calls for a human.
    case escalation(EscalationCueKind)
    /// A claimed state of the goods.
    case condition(ClaimedCondition)
    /// A product noun.
    case product
    /// A word that says what the number next to it is ("订单号", "tracking", "电话", "refund").
    case entityContext(EntityContext)
    /// A day relative to the reference day (0 today, -1 yesterday).
    case relativeDay(Int)
    /// An ISO weekday, 1 (Monday) ... 7 (Sunday).
    case weekday(Int)
    /// A week relative to the reference week (上周 -1, 本周 0, 下周 +1).
    case weekShift(Int)
    /// "last" / "next" before an English weekday: the previous or next occurrence.
    case occurrenceShift(Int)
    /// A month name, 1...12.
    case month(Int)
    /// A unit of "N … ago": days per unit (天前 1, weeks ago 7).
    case daysAgoUnit(Int)
    /// A day named by a festival (双十一 is 11-11).
    case festivalDay(month: Int, day: Int)
    /// A colour, normalized to an English lower-case word.
    case colour(String)
    /// A size word, normalized (`medium` is `M`, `one size up` is `larger`).
    case size(String)
    /// A word that introduces the wanted variant ("换成", "for", "to").
    case variantMarker

    /// Which layer of the lexicon the effect belongs to (see `CueLayers`).
    var layer: CueLayers {
        switch self {
        case .entityContext: .entityContext
        case .relativeDay, .weekday, .weekShift, .occurrenceShift, .month, .daysAgoUnit, .festivalDay: .date
        default: .meaning
        }
    }

    /// Whether the effect still holds when the phrase is negated. Sentiment holds: the
    /// sentiment scorer flips it.
    var survivesNegation: Bool {
        switch self {
        case .intent, .feature, .escalation, .condition, .colour, .size, .variantMarker: false
        default: true
        }
    }
}

/// Layers of the lexicon. A phrase hides the phrases inside it only within the layers it
/// has, so a word that labels a number ("tracking number") does not hide a cue for meaning
/// ("track").
struct CueLayers: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    /// Intents, sentiment, negation, cues, conditions, products, variants.
    static let meaning = CueLayers(rawValue: 1)
    /// Words that say what a nearby number is.
    static let entityContext = CueLayers(rawValue: 2)
    /// Words of dates.
    static let date = CueLayers(rawValue: 4)
    /// Every layer: what a guard phrase hides.
    static let all: CueLayers = [.meaning, .entityContext, .date]
}

/// Facts that intent rules combine.
enum CueFeature: Sendable, Hashable {
    /// Money back (退款, refund).
    case refund
    /// A parcel or its delivery (快递, package, delivered).
    case parcel
    /// Something has not arrived (没收到, never arrived).
    case notArrived
    /// A status or timing question (进度, 什么时候, status, yet).
    case status
    /// An order is mentioned (订单, order).
    case order
    /// The message asks a question (吗, ?, "did you").
    case question
    /// A product is named (set by product nouns).
    case product
    /// Slowness or waiting (慢, 还不, delay).
    case late
    /// The price of an item.
    case price
    /// The price went down (降价, cheaper, on sale).
    case priceDrop
    /// A change to an order (修改, 改, update).
    case change
    /// What a change is about (地址, 电话, address).
    case changeTarget
    /// Something is missing (少, 缺, missing).
    case missing
}

/// What a cue word says about a number or code near it.
enum EntityContext: Sendable, Hashable {
    /// An order number follows or precedes (订单号, order #).
    case order
    /// A tracking number follows (快递单号, tracking).
    case tracking
    /// A phone number follows (电话, call me at).
    case phone
    /// An amount of money follows even without a currency (退, refund, 降了).
    case money
}
