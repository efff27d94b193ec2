/// The id of a rule of the policy engine, listed in a decision when the rule fired.
/// Ids are stable; `docs/policy.md` maps each to what it does and the tests that cover it.
public struct RuleID: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The id text.
    public var rawValue: String

    /// A rule id with this text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A rule id written as a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Reads the id from a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Writes the id as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The id text.
    public var description: String { rawValue }

    /// R1: the order must exist and belong to the customer asking.
    public static let ownership: RuleID = "R1.ownership"
    /// R2: cancel or refund before shipment.
    public static let cancelBeforeShipment: RuleID = "R2.cancel_before_shipment"
    /// R2: a cancel after shipment is refused.
    public static let cancelAfterShipment: RuleID = "R2.cancel_after_shipment"
    /// R3: lost parcel → refund only.
    public static let notReceivedLost: RuleID = "R3.not_received_lost"
    /// R3: more than the grace period past the promised delivery → refund only.
    public static let notReceivedOverdue: RuleID = "R3.not_received_overdue"
    /// R3: marked delivered but claimed missing → manual review.
    public static let notReceivedMarkedDelivered: RuleID = "R3.not_received_marked_delivered"
    /// R3: in transit within the grace period → deny with the tracking facts.
    public static let notReceivedWithinGrace: RuleID = "R3.not_received_within_grace"
    /// R3: not shipped yet → no remedy, the facts instead.
    public static let notReceivedNotShipped: RuleID = "R3.not_received_not_shipped"
    /// R4: the seven-day no-reason window.
    public static let noReasonWindow: RuleID = "R4.no_reason_window"
    /// R4: categories excluded by law.
    public static let noReasonLegalExclusion: RuleID = "R4.legal_exclusion"
    /// R4: exclusions the buyer confirmed at checkout.
    public static let noReasonConfirmedExclusion: RuleID = "R4.confirmed_exclusion"
    /// R4: used or customer-damaged goods.
    public static let noReasonCondition: RuleID = "R4.condition"
    /// R4: an eligible no-reason return.
    public static let noReasonReturn: RuleID = "R4.return"
    /// R4/R5: an exchange, with the stock of the variant checked.
    public static let exchangeStock: RuleID = "R4.exchange_stock"
    /// R4: who pays return shipping (customer unless insured).
    public static let returnShipping: RuleID = "R4.return_shipping"
    /// R5: quality problem within the return window.
    public static let qualityReturn: RuleID = "R5.quality_return"
    /// R5: missing item or part → refund only for the missing units.
    public static let qualityMissing: RuleID = "R5.quality_missing"
    /// R5: quality problem within the exchange window.
    public static let qualityExchange: RuleID = "R5.quality_exchange"
    /// R5: quality problem within the category warranty → repair.
    public static let qualityRepair: RuleID = "R5.quality_repair"
    /// R5: quality problem beyond the warranty → deny.
    public static let qualityWarrantyExpired: RuleID = "R5.warranty_expired"
    /// R6: price protection.
    public static let priceProtection: RuleID = "R6.price_protection"
    /// R7: refund amount above the auto-approval limit of the currency.
    public static let limitAmount: RuleID = "R7.amount_limit"
    /// R7: customer flagged by fraud screening.
    public static let limitFraud: RuleID = "R7.fraud_flag"
    /// R7: too many refunds in the trailing window.
    public static let limitFrequency: RuleID = "R7.refund_frequency"
    /// R8: nothing left to refund.
    public static let alreadyRefunded: RuleID = "R8.already_refunded"
    /// R8: a refund on the lines is still open.
    public static let openRefund: RuleID = "R8.open_refund"
    /// R9: intents that ask for no remedy.
    public static let noRemedy: RuleID = "R9.no_remedy"
    /// R9: the state of open refunds.
    public static let refundStatus: RuleID = "R9.refund_status"
    /// R10: unknown category, status or condition, or inconsistent data → manual review.
    public static let unknownData: RuleID = "R10.unknown_data"
    /// The request names lines or quantities the order does not have, or lacks what a rule
    /// needs (the exchange variant, which of wrong or missing) → ask.
    public static let requestScope: RuleID = "R0.request_scope"
    /// The carrier returned the parcel to the merchant → manual review.
    public static let carrierReturned: RuleID = "R3.carrier_returned"
    /// A remedy for goods not delivered yet, or an order not in a state for it → deny.
    public static let orderState: RuleID = "R0.order_state"
    /// The case's timezone is not a known IANA zone → manual review.
    public static let timezone: RuleID = "R0.timezone"

    /// Every rule id of the engine.
    public static let all: [RuleID] = [
        .ownership, .timezone, .unknownData, .requestScope, .noRemedy, .refundStatus, .openRefund, .carrierReturned,
        .alreadyRefunded, .cancelBeforeShipment, .cancelAfterShipment, .orderState, .notReceivedLost,
        .notReceivedOverdue, .notReceivedWithinGrace, .notReceivedMarkedDelivered, .notReceivedNotShipped,
        .noReasonWindow, .noReasonLegalExclusion, .noReasonConfirmedExclusion, .noReasonCondition, .noReasonReturn,
        .exchangeStock, .returnShipping, .qualityReturn, .qualityMissing, .qualityExchange, .qualityRepair,
        .qualityWarrantyExpired, .priceProtection, .limitAmount, .limitFraud, .limitFrequency,
    ]
}
