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
    }

    /// Intents that take over the evidence of others when they have evidence of their own.
    struct Absorption: Sendable {
        let absorber: Intent
        let absorbed: [Intent]
        let onlyWith: CueFeature?
        let unless: CueFeature?
    }

    /// Sharpening exponent.
    var gamma = 1.3
    /// Evidence mass that stands for "none of these".
    var doubt = 1.2
    /// Own evidence an intent needs before it absorbs others.
    var absorberMinimum = 2.0
    /// Evidence of chitchat when nothing else is found: gibberish gets a low confidence.
    var baseline = 0.12

    static let combinations: [Combination] = [
        Combination(features: [.refund, .status], unless: nil, intent: .refundStatus, weight: 2.5),
        Combination(features: [.refund, .notArrived], unless: .parcel, intent: .refundStatus, weight: 3),
        Combination(features: [.price, .priceDrop], unless: nil, intent: .priceProtection, weight: 1.5),
        Combination(features: [.change, .changeTarget], unless: nil, intent: .changeOrder, weight: 2),
        Combination(features: [.parcel, .late], unless: nil, intent: .shippingDelay, weight: 1),
        Combination(features: [.parcel, .notArrived], unless: nil, intent: .notReceived, weight: 1),
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
        Absorption(absorber: .cancelOrder, absorbed: [.refundRequest, .returnRequest], onlyWith: nil, unless: nil),
        Absorption(absorber: .changeOrder, absorbed: [.exchangeRequest], onlyWith: nil, unless: nil),
        Absorption(absorber: .shippingDelay, absorbed: [.orderStatus], onlyWith: nil, unless: nil),
    ]

    /// The intents in order of probability, all of them with their probability.
    func score(
        effects: [[CueEffect]], hasOrderNumber: Bool, polarity: Double
    ) -> [IntentScore] {
        var evidence = [Intent: Double]()
        var features = Set<CueFeature>()
        for list in effects {
            for effect in list {
                switch effect {
                case .intent(let intent, let weight): evidence[intent, default: 0] += weight
                case .feature(let feature): features.insert(feature)
                default: break
                }
            }
        }
        for rule in IntentScorer.combinations
        where rule.features.allSatisfy(features.contains) && !(rule.unless.map(features.contains) ?? false) {
            evidence[rule.intent, default: 0] += rule.weight
        }
        let own = evidence
        for rule in IntentScorer.absorptions where (own[rule.absorber] ?? 0) >= absorberMinimum {
            if let required = rule.onlyWith, !features.contains(required) { continue }
            if let excluded = rule.unless, features.contains(excluded) { continue }
            for absorbed in rule.absorbed {
                guard let taken = evidence[absorbed], taken > 0 else { continue }
                evidence[rule.absorber, default: 0] += taken * 0.5
                evidence[absorbed] = 0
            }
        }
        let strongest = evidence.filter { $0.key != .chitchat }.values.max() ?? 0
        if strongest >= 1.5 { evidence[.chitchat] = 0 }
        if polarity <= -2, strongest < 2 { evidence[.complaint, default: 0] += 1.5 }
        if strongest == 0, hasOrderNumber { evidence[.orderStatus, default: 0] += 1.5 }
        evidence[.chitchat, default: 0] += baseline

        let mass = evidence.mapValues { $0 > 0 ? pow($0, gamma) : 0 }
        let total = mass.values.reduce(0, +) + doubt
        return mass.filter { $0.value > 0 }
            .map { IntentScore(intent: $0.key, probability: $0.value / total) }
            .sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.intent.rawValue < $1.intent.rawValue }
    }
}
