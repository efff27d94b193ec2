import Foundation
import SupportModel

/// Turns cue evidence into intent probabilities.
///
/// Evidence is the sum of cue weights per intent, plus combination rules over features
/// ("refund" + a status question is `refund_status`). Then problems absorb the remedies
/// asked for with them: "broken, I want a refund" is `damaged_or_defective`, because the
/// policy decides refunds for quality problems by the problem. Probabilities are
/// `e^γ / (Σ e^γ + doubt)`: a message with one weak cue, or with cues for two intents,
/// gets a low top probability; one without any cue gets about 0.1.
struct IntentScorer: Sendable {
    /// Evidence added by a pair of features found together.
    struct Combination: Sendable {
        let features: [CueFeature]
        let unless: CueFeature?
        let intent: Intent
        let weight: Double
        /// Whether the features must occur in one clause ("退款还没到" but not "没到，我要退款").
        var sameClause = false
    }

    /// Intents that take over the evidence of others when they have evidence of their own.
    struct Absorption: Sendable {
        let absorber: Intent
        let absorbed: [Intent]
        let onlyWith: CueFeature?
        let unless: CueFeature?
    }

    /// Sharpening exponent. With `doubt` it was chosen on the dev split for a low calibration
    /// error without the overconfidence the dev split's own accuracy would teach: one weak
    /// cue gives about 0.55, one decisive cue about 0.9, two conflicting cues under 0.5.
    var gamma = 2.0
    /// Evidence mass that stands for "none of these".
    var doubt = 0.8
    /// Own evidence an intent needs before it absorbs others.
    var absorberMinimum = 1.5
    /// Evidence of chitchat when nothing else is found: gibberish gets a low confidence.
    var baseline = 0.12

    static let combinations: [Combination] = [
        Combination(features: [.refund, .status], unless: nil, intent: .refundStatus, weight: 2.5, sameClause: true),
        Combination(features: [.refund, .notArrived], unless: .parcel, intent: .refundStatus, weight: 3, sameClause: true),
        Combination(features: [.refund, .late], unless: nil, intent: .refundStatus, weight: 2, sameClause: true),
        Combination(features: [.price, .priceDrop], unless: nil, intent: .priceProtection, weight: 1.5),
        Combination(features: [.change, .changeTarget], unless: nil, intent: .changeOrder, weight: 2),
        Combination(features: [.parcel, .late], unless: nil, intent: .shippingDelay, weight: 2),
        Combination(features: [.order, .late], unless: nil, intent: .shippingDelay, weight: 1.5),
        Combination(features: [.parcel, .notArrived], unless: nil, intent: .notReceived, weight: 1),
        Combination(features: [.parcel, .status], unless: nil, intent: .orderStatus, weight: 1.5),
        Combination(features: [.order, .status], unless: nil, intent: .orderStatus, weight: 1.5),
        Combination(features: [.parcel, .question], unless: nil, intent: .orderStatus, weight: 1),
        Combination(features: [.product, .question], unless: nil, intent: .productUsage, weight: 1.2),
    ]

    static let absorptions: [Absorption] = [
        Absorption(absorber: .invoice, absorbed: [.notReceived, .refundRequest, .changeOrder, .damagedOrDefective, .productUsage],
                   onlyWith: nil, unless: nil),
        Absorption(absorber: .refundStatus, absorbed: [.refundRequest, .returnRequest, .orderStatus], onlyWith: nil, unless: nil),
        Absorption(absorber: .refundStatus, absorbed: [.notReceived], onlyWith: nil, unless: .parcel),
        Absorption(absorber: .priceProtection, absorbed: [.refundRequest], onlyWith: nil, unless: nil),
        Absorption(absorber: .wrongOrMissingItem, absorbed: [.notReceived], onlyWith: .missing, unless: nil),
        Absorption(absorber: .wrongOrMissingItem, absorbed: [.refundRequest, .returnRequest, .exchangeRequest],
                   onlyWith: nil, unless: nil),
        Absorption(absorber: .damagedOrDefective, absorbed: [.refundRequest, .returnRequest, .exchangeRequest, .productUsage],
                   onlyWith: nil, unless: nil),
        Absorption(absorber: .notReceived, absorbed: [.refundRequest, .returnRequest, .exchangeRequest, .orderStatus,
                                                      .shippingDelay], onlyWith: nil, unless: nil),
        Absorption(absorber: .cancelOrder, absorbed: [.refundRequest, .returnRequest, .shippingDelay, .orderStatus],
                   onlyWith: nil, unless: nil),
        Absorption(absorber: .changeOrder, absorbed: [.exchangeRequest, .shippingDelay, .orderStatus], onlyWith: nil, unless: nil),
        Absorption(absorber: .shippingDelay, absorbed: [.orderStatus], onlyWith: nil, unless: nil),
    ]

    /// The intents in order of probability, all of them with their probability.
    /// - Parameters:
    ///   - effects: the effects of each cue found.
    ///   - clauses: the clause each cue is in (clauses are separated by punctuation).
    ///   - hasOrderNumber: whether an order number was found.
    ///   - polarity: the lexical sentiment polarity.
    func score(effects: [[CueEffect]], clauses: [Int], hasOrderNumber: Bool, polarity: Double) -> [IntentScore] {
        var evidence = [Intent: Double]()
        var features = [CueFeature: Set<Int>]()
        for (list, clause) in zip(effects, clauses) {
            for effect in list {
                switch effect {
                case .intent(let intent, let weight): evidence[intent, default: 0] += weight
                case .feature(let feature): features[feature, default: []].insert(clause)
                case .product: features[.product, default: []].insert(clause)
                default: break
                }
            }
        }
        for rule in IntentScorer.combinations where rule.features.allSatisfy({ features[$0] != nil }) {
            if let excluded = rule.unless, features[excluded] != nil { continue }
            if rule.sameClause {
                let shared = rule.features.dropFirst().reduce(features[rule.features[0]]!) { $0.intersection(features[$1]!) }
                if shared.isEmpty { continue }
            }
            evidence[rule.intent, default: 0] += rule.weight
        }
        let own = evidence
        var absorbedIntents = Set<Intent>()
        for rule in IntentScorer.absorptions
        where (own[rule.absorber] ?? 0) >= absorberMinimum && !absorbedIntents.contains(rule.absorber) {
            if let required = rule.onlyWith, features[required] == nil { continue }
            if let excluded = rule.unless, features[excluded] != nil { continue }
            for absorbed in rule.absorbed {
                guard let taken = evidence[absorbed], taken > 0 else { continue }
                evidence[rule.absorber, default: 0] += taken * 0.5
                evidence[absorbed] = 0
                absorbedIntents.insert(absorbed)
            }
        }
        let strongest = evidence.filter { $0.key != .chitchat }.values.max() ?? 0
        if strongest >= 1 { evidence[.chitchat] = 0 }
        // A clearly negative message that asks for nothing in particular is a complaint.
        if polarity <= -1.2, strongest < 1.5 { evidence[.complaint, default: 0] += 1.5 }
        if strongest == 0, hasOrderNumber { evidence[.orderStatus, default: 0] += 1.5 }
        evidence[.chitchat, default: 0] += baseline

        let mass = evidence.mapValues { $0 > 0 ? pow($0, gamma) : 0 }
        let total = mass.values.reduce(0, +) + doubt
        return mass.filter { $0.value > 0 }
            .map { IntentScore(intent: $0.key, probability: $0.value / total) }
            .sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.intent.rawValue < $1.intent.rawValue }
    }
}
