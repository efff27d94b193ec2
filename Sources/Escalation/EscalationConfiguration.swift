import SupportModel
import Foundation
import JSONSchema

/// Which triggers hand a conversation to a human, with what priority and thresholds.
/// Loaded from a JSON file (`--escalation-config`, schema `Schemas/escalation-config.schema.json`)
/// or the built-in defaults.
public struct EscalationConfiguration: Sendable, Hashable {
    /// One trigger's switch and priority.
    public struct Trigger: Sendable, Hashable {
        public var enabled: Bool
        public var priority: EscalationPriority

        public init(enabled: Bool, priority: EscalationPriority) {
            self.enabled = enabled
            self.priority = priority
        }
    }

    public var humanRequest = Trigger(enabled: true, priority: .normal)
    public var legalThreat = Trigger(enabled: true, priority: .high)
    public var safety = Trigger(enabled: true, priority: .urgent)
    public var strongNegative = Trigger(enabled: true, priority: .normal)
    /// Negative sentiment at or above this score is "very negative".
    public var strongNegativeMinimumScore = 0.9
    public var repeatedContact = Trigger(enabled: true, priority: .normal)
    /// Raising the same answered problem this many more times escalates.
    public var repeatedContactAfter = 1
    public var lowConfidence = Trigger(enabled: true, priority: .low)
    /// Intent confidence below this escalates.
    public var lowConfidenceBelow = 0.35
    public var manualReview = Trigger(enabled: true, priority: .normal)
    /// VIP customers' remedy requests go to a human (off by default).
    public var vipCustomer = Trigger(enabled: false, priority: .high)
    public var vipTiers: Set<CustomerTier> = [.vip]
    /// Remedy requests on orders worth more than a limit go to a human.
    public var highOrderValue = Trigger(enabled: true, priority: .high)
    /// Order value limits per currency (strictly more than the limit escalates).
    public var highOrderValueLimits: [String: Money] = [
        "CNY": Money(minorUnits: 500_000, currency: "CNY"), "USD": Money(minorUnits: 70_000, currency: "USD"),
    ]

    /// Built-in values; `standard` (the shipped file) is what the worker uses by default.
    public init() {}

    /// Parses and validates a configuration file; errors name the field.
    public static func parse(_ text: String) throws(EscalationConfigurationError) -> EscalationConfiguration {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            throw EscalationConfigurationError(message: "not JSON: \(error)")
        }
        let schema: JSONSchema
        do {
            schema = try JSONSchema(parsing: EscalationConfiguration.schemaText)
        } catch {
            throw EscalationConfigurationError(message: "internal schema error: \(error)")
        }
        if let first = schema.validate(value).first {
            throw EscalationConfigurationError(message: "field \(first)")
        }
        var c = EscalationConfiguration()
        let triggers = value["triggers"]?.objectValue ?? [:]
        func trigger(_ name: String, _ current: Trigger) -> Trigger {
            guard let t = triggers[name] else { return current }
            return Trigger(
                enabled: t["enabled"]?.boolValue ?? current.enabled,
                priority: t["priority"]?.stringValue.flatMap(EscalationPriority.init(rawValue:)) ?? current.priority)
        }
        c.humanRequest = trigger("human_request", c.humanRequest)
        c.legalThreat = trigger("legal_threat", c.legalThreat)
        c.safety = trigger("safety", c.safety)
        c.strongNegative = trigger("strong_negative", c.strongNegative)
        c.strongNegativeMinimumScore = triggers["strong_negative"]?["min_score"]?.doubleValue ?? c.strongNegativeMinimumScore
        c.repeatedContact = trigger("repeated_contact", c.repeatedContact)
        c.repeatedContactAfter = triggers["repeated_contact"]?["after_repeats"]?.intValue.map(Int.init) ?? c.repeatedContactAfter
        c.lowConfidence = trigger("low_confidence", c.lowConfidence)
        c.lowConfidenceBelow = triggers["low_confidence"]?["below"]?.doubleValue ?? c.lowConfidenceBelow
        c.manualReview = trigger("manual_review", c.manualReview)
        c.vipCustomer = trigger("vip_customer", c.vipCustomer)
        if let tiers = triggers["vip_customer"]?["tiers"]?.arrayValue {
            c.vipTiers = Set(tiers.compactMap(\.stringValue).map(CustomerTier.init(rawValue:)))
        }
        c.highOrderValue = trigger("high_order_value", c.highOrderValue)
        if let limits = triggers["high_order_value"]?["limits_minor"]?.objectValue {
            c.highOrderValueLimits = Dictionary(
                uniqueKeysWithValues: limits.compactMap { currency, value in
                    value.intValue.map { (currency, Money(minorUnits: $0, currency: currency)) }
                })
        }
        return c
    }

    /// The schema of the configuration file (`Schemas/escalation-config.schema.json`).
    static var schemaText: String { EmbeddedEscalationFiles.files["escalation-config.schema.json"]! }

    /// The shipped default configuration (`config/escalation.json`).
    public static let standard: EscalationConfiguration = {
        do {
            return try parse(EmbeddedEscalationFiles.files["escalation.json"]!)
        } catch {
            fatalError("the embedded config/escalation.json is invalid: \(error)")
        }
    }()
}

/// An escalation configuration file that cannot be used.
public struct EscalationConfigurationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "escalation configuration: \(message)" }
}
