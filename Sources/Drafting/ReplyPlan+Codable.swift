import Foundation
import SupportModel

// The JSON form of reply plans (`support-worker draft` input): snake_case keys; lists and
// maps may be omitted.

extension ReplyPlan {
    enum CodingKeys: String, CodingKey {
        case planID = "plan_id", language, kind, intent, timezone, order, decision
        case openRefund = "open_refund", asksFor = "asks_for", recentOrderIDs = "recent_order_ids"
        case matchedProduct = "matched_product"
        case escalationPriority = "escalation_priority", escalationReasons = "escalation_reasons"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            planID: try c.decodeIfPresent(String.self, forKey: .planID),
            language: try c.decode(Language.self, forKey: .language),
            kind: try c.decode(Kind.self, forKey: .kind),
            intent: try c.decode(Intent.self, forKey: .intent),
            timezone: try c.decodeIfPresent(String.self, forKey: .timezone),
            order: try c.decodeIfPresent(OrderFacts.self, forKey: .order),
            decision: try c.decodeIfPresent(DecisionFacts.self, forKey: .decision),
            openRefund: try c.decodeIfPresent(OpenRefundFacts.self, forKey: .openRefund),
            asksFor: try c.decodeIfPresent(String.self, forKey: .asksFor),
            recentOrderIDs: try c.decodeIfPresent([String].self, forKey: .recentOrderIDs) ?? [],
            matchedProduct: try c.decodeIfPresent(String.self, forKey: .matchedProduct),
            escalationPriority: try c.decodeIfPresent(EscalationPriority.self, forKey: .escalationPriority),
            escalationReasons: try c.decodeIfPresent([EscalationReason].self, forKey: .escalationReasons) ?? [])
    }
}

extension ReplyPlan.OrderFacts {
    enum CodingKeys: String, CodingKey {
        case id, status, carrier, trackingNumber = "tracking_number", carrierStatus = "carrier_status"
        case promisedDeliveryBy = "promised_delivery_by", shippedAt = "shipped_at", deliveredAt = "delivered_at"
        case productNames = "product_names"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), status: try c.decode(OrderStatus.self, forKey: .status),
            carrier: try c.decodeIfPresent(String.self, forKey: .carrier),
            trackingNumber: try c.decodeIfPresent(String.self, forKey: .trackingNumber),
            carrierStatus: try c.decodeIfPresent(CarrierStatus.self, forKey: .carrierStatus),
            promisedDeliveryBy: try c.decodeIfPresent(Date.self, forKey: .promisedDeliveryBy),
            shippedAt: try c.decodeIfPresent(Date.self, forKey: .shippedAt),
            deliveredAt: try c.decodeIfPresent(Date.self, forKey: .deliveredAt),
            productNames: try c.decodeIfPresent([String].self, forKey: .productNames) ?? [])
    }
}

extension ReplyPlan.DecisionFacts {
    enum CodingKeys: String, CodingKey {
        case outcome, refundMinor = "refund_minor", currency, returnShippingPaidBy = "return_shipping_paid_by"
        case deadlines, reasons
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let minor = try c.decodeIfPresent(Int64.self, forKey: .refundMinor) ?? 0
        let currency = try c.decodeIfPresent(String.self, forKey: .currency)
        guard currency != nil || minor == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .currency, in: c, debugDescription: "a refund of \(minor) needs a currency")
        }
        self.init(
            outcome: try c.decode(PolicyOutcome.self, forKey: .outcome),
            refund: currency.map { Money(minorUnits: minor, currency: $0) },
            returnShippingPaidBy: try c.decodeIfPresent(ShippingPayer.self, forKey: .returnShippingPaidBy),
            deadlines: try c.decodeIfPresent([String: Date].self, forKey: .deadlines) ?? [:],
            reasons: try c.decodeIfPresent([ReplyPlan.Reason].self, forKey: .reasons) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(refund?.minorUnits ?? 0, forKey: .refundMinor)
        try c.encode(refund?.currency, forKey: .currency)
        try c.encode(returnShippingPaidBy, forKey: .returnShippingPaidBy)
        try c.encode(deadlines, forKey: .deadlines)
        try c.encode(reasons, forKey: .reasons)
    }
}

extension ReplyPlan.OpenRefundFacts {
    enum CodingKeys: String, CodingKey {
        case amountMinor = "amount_minor", currency, status, createdAt = "created_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            amount: Money(
                minorUnits: try c.decode(Int64.self, forKey: .amountMinor), currency: try c.decode(String.self, forKey: .currency)),
            status: try c.decode(String.self, forKey: .status), createdAt: try c.decode(Date.self, forKey: .createdAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(amount.minorUnits, forKey: .amountMinor)
        try c.encode(amount.currency, forKey: .currency)
        try c.encode(status, forKey: .status)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
