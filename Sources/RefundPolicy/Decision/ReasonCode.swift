import SupportModel

/// Why a decision came out as it did: a stable code with a Chinese and an English sentence in
/// the policy document's reason catalogue (`reasons`).
public struct ReasonCode: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The code text.
    public var rawValue: String

    /// A reason code with this text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A reason code written as a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Reads the code from a JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Writes the code as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The code text.
    public var description: String { rawValue }

    /// The code for a line of a category excluded from no-reason return by law:
    /// `excluded_category_<category>`.
    public static func excludedCategory(_ category: ProductCategory) -> ReasonCode {
        ReasonCode(rawValue: "excluded_category_" + category.rawValue)
    }

    /// The code for goods whose stated condition voids the no-reason return
    /// (`policy.no_reason_return.ineligible_conditions`): `item_<condition>`.
    public static func itemCondition(_ condition: ClaimedCondition) -> ReasonCode {
        ReasonCode(rawValue: "item_" + condition.rawValue)
    }

    // MARK: Ownership and request
    /// The order does not exist or is not the customer's (reveals nothing more).
    public static let orderNotFound: ReasonCode = "order_not_found"
    /// A remedy was asked without an order number.
    public static let orderIDMissing: ReasonCode = "order_id_missing"
    /// The request names a line the order does not have.
    public static let lineNotFound: ReasonCode = "line_not_found"
    /// The request names more units than the line has, or none.
    public static let quantityInvalid: ReasonCode = "quantity_invalid"
    /// An exchange without the wanted variant.
    public static let exchangeVariantMissing: ReasonCode = "exchange_variant_missing"
    /// A wrong-or-missing-item claim without saying which.
    public static let claimDetailMissing: ReasonCode = "claim_detail_missing"

    // MARK: Data the policy cannot judge
    /// A line of a category the policy does not know.
    public static let unknownCategory: ReasonCode = "unknown_category"
    /// An order status the policy does not know.
    public static let unknownOrderStatus: ReasonCode = "unknown_order_status"
    /// A carrier status the policy does not know.
    public static let unknownCarrierStatus: ReasonCode = "unknown_carrier_status"
    /// A claimed condition the policy does not know.
    public static let unknownClaimedCondition: ReasonCode = "unknown_claimed_condition"
    /// The case's timezone is not a known IANA zone.
    public static let unknownTimezone: ReasonCode = "unknown_timezone"
    /// Amounts, quantities or line numbers that cannot be right.
    public static let inconsistentOrderData: ReasonCode = "inconsistent_order_data"
    /// Delivered, but the sign-for time is missing.
    public static let deliveryTimeMissing: ReasonCode = "delivery_time_missing"
    /// In transit without a promised delivery date.
    public static let promisedDeliveryMissing: ReasonCode = "promised_delivery_missing"
    /// The current price of a line's sku is not known.
    public static let currentPriceUnknown: ReasonCode = "current_price_unknown"
    /// The carrier sent the parcel back to the merchant.
    public static let carrierReturned: ReasonCode = "carrier_returned"

    // MARK: Cancel and order state
    /// Paid, not shipped: cancelled with a full refund.
    public static let cancelBeforeShipment: ReasonCode = "cancel_before_shipment"
    /// Not paid: cancelled, nothing to refund.
    public static let cancelUnpaidOrder: ReasonCode = "cancel_unpaid_order"
    /// Already shipped: refuse delivery or return after receipt.
    public static let alreadyShipped: ReasonCode = "already_shipped"
    /// The order is cancelled already.
    public static let orderCancelled: ReasonCode = "order_cancelled"
    /// The order is not paid.
    public static let orderNotPaid: ReasonCode = "order_not_paid"
    /// The goods have not been delivered yet.
    public static let notDeliveredYet: ReasonCode = "not_delivered_yet"
    /// The order has not been shipped yet.
    public static let notShippedYet: ReasonCode = "not_shipped_yet"
    /// The shipping fee is part of the refund.
    public static let shippingFeeRefunded: ReasonCode = "shipping_fee_refunded"

    // MARK: Not received
    /// The carrier lost the parcel.
    public static let parcelLost: ReasonCode = "parcel_lost"
    /// More than the grace period past the promised delivery.
    public static let deliveryOverdue: ReasonCode = "delivery_overdue"
    /// Marked delivered, but the customer says it never arrived.
    public static let markedDeliveredClaimedMissing: ReasonCode = "marked_delivered_claimed_missing"
    /// Still in transit and within the grace period.
    public static let inTransitWithinGrace: ReasonCode = "in_transit_within_grace"

    // MARK: Seven-day no-reason return
    /// Eligible for the seven-day no-reason return.
    public static let noReasonReturnEligible: ReasonCode = "no_reason_return_eligible"
    /// The seven-day window has passed.
    public static let noReasonWindowExpired: ReasonCode = "no_reason_window_expired"
    /// The buyer confirmed at checkout that the item has no no-reason return.
    public static let buyerConfirmedExclusion: ReasonCode = "buyer_confirmed_exclusion"
    /// The item was used (`itemCondition(.used)`).
    public static let itemUsed: ReasonCode = "item_used"
    /// The item was damaged by the customer (`itemCondition(.damagedByCustomer)`).
    public static let itemDamagedByCustomer: ReasonCode = "item_damaged_by_customer"
    /// The exchange variant is in stock.
    public static let exchangeInStock: ReasonCode = "exchange_in_stock"
    /// The exchange variant is out of stock.
    public static let exchangeOutOfStock: ReasonCode = "exchange_out_of_stock"
    /// The customer pays return shipping.
    public static let returnShippingByCustomer: ReasonCode = "return_shipping_by_customer"
    /// The order's return-shipping insurance covers return shipping.
    public static let returnShippingInsured: ReasonCode = "return_shipping_insured"

    // MARK: Quality problems
    /// Quality problem within the return window; the merchant pays shipping.
    public static let qualityReturnWindow: ReasonCode = "quality_return_window"
    /// Missing item or part: refund for the missing units.
    public static let missingItemRefund: ReasonCode = "missing_item_refund"
    /// Quality problem within the exchange window: exchange, no refund.
    public static let qualityExchangeWindow: ReasonCode = "quality_exchange_window"
    /// Quality problem within the warranty: repair.
    public static let repairUnderWarranty: ReasonCode = "repair_under_warranty"
    /// Quality problem beyond the warranty.
    public static let warrantyExpired: ReasonCode = "warranty_expired"

    // MARK: Price protection
    /// The price dropped: the difference is refunded.
    public static let priceProtectionDifference: ReasonCode = "price_protection_difference"
    /// More than the window since payment.
    public static let priceProtectionWindowExpired: ReasonCode = "price_protection_window_expired"
    /// Sold under a promotion without price protection (flash sale).
    public static let priceProtectionExcludedPromotion: ReasonCode = "price_protection_excluded_promotion"
    /// The current price is not lower than the price paid.
    public static let priceNotLower: ReasonCode = "price_not_lower"

    // MARK: Limits
    /// Above the auto-approval limit of the currency.
    public static let amountAboveAutoLimit: ReasonCode = "amount_above_auto_limit"
    /// The policy sets no auto-approval limit for the currency.
    public static let noAutoLimitForCurrency: ReasonCode = "no_auto_limit_for_currency"
    /// The customer is flagged by fraud screening.
    public static let customerFraudFlag: ReasonCode = "customer_fraud_flag"
    /// Too many refunds in the trailing window.
    public static let refundFrequencyLimit: ReasonCode = "refund_frequency_limit"

    // MARK: Refund state and intents without remedy
    /// Nothing left to refund on the lines.
    public static let alreadyRefunded: ReasonCode = "already_refunded"
    /// A refund on the lines is in progress.
    public static let refundInProgress: ReasonCode = "refund_in_progress"
    /// No refund is open.
    public static let noOpenRefund: ReasonCode = "no_open_refund"
    /// The message asks for no remedy.
    public static let noRemedyRequested: ReasonCode = "no_remedy_requested"

    /// Every fixed code the engine can give. With `excludedCategory(_:)` of each legally
    /// excluded category and `itemCondition(_:)` of each ineligible condition, these are the
    /// codes a policy's reason catalogue must word.
    public static let engineCodes: [ReasonCode] = [
        .orderNotFound, .orderIDMissing, .lineNotFound, .quantityInvalid, .exchangeVariantMissing,
        .claimDetailMissing, .unknownCategory, .unknownOrderStatus, .unknownCarrierStatus,
        .unknownClaimedCondition, .unknownTimezone, .inconsistentOrderData, .deliveryTimeMissing,
        .promisedDeliveryMissing, .currentPriceUnknown, .carrierReturned, .cancelBeforeShipment,
        .cancelUnpaidOrder, .alreadyShipped, .orderCancelled, .orderNotPaid, .notDeliveredYet, .notShippedYet,
        .shippingFeeRefunded, .parcelLost, .deliveryOverdue, .markedDeliveredClaimedMissing,
        .inTransitWithinGrace, .noReasonReturnEligible, .noReasonWindowExpired, .buyerConfirmedExclusion,
        .exchangeInStock, .exchangeOutOfStock, .returnShippingByCustomer,
        .returnShippingInsured, .qualityReturnWindow, .missingItemRefund, .qualityExchangeWindow,
        .repairUnderWarranty, .warrantyExpired, .priceProtectionDifference, .priceProtectionWindowExpired,
        .priceProtectionExcludedPromotion, .priceNotLower, .amountAboveAutoLimit, .noAutoLimitForCurrency,
        .customerFraudFlag, .refundFrequencyLimit, .alreadyRefunded, .refundInProgress, .noOpenRefund,
        .noRemedyRequested,
    ]
}
