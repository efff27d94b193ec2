import SupportModel
import Foundation

/// Order facts a reply may state, copied from the case; only present when the order is the
/// customer's.
public struct DecisionFacts: Sendable, Hashable, Encodable {
    /// The order id.
    public var orderID: String
    /// The order's state.
    public var orderStatus: OrderStatus
    /// The carrier's name.
    public var carrier: String?
    /// The tracking number.
    public var trackingNumber: String?
    /// What the carrier reports.
    public var carrierStatus: CarrierStatus?
    /// When the order was paid.
    public var paidAt: Date?
    /// When it was shipped.
    public var shippedAt: Date?
    /// The sign-for time.
    public var deliveredAt: Date?
    /// The promised delivery date.
    public var promisedDeliveryBy: Date?
    /// Open refunds on the lines the request is about.
    public var openRefunds: [OpenRefund]

    /// Facts.
    public init(
        orderID: String, orderStatus: OrderStatus, carrier: String? = nil, trackingNumber: String? = nil,
        carrierStatus: CarrierStatus? = nil, paidAt: Date? = nil, shippedAt: Date? = nil, deliveredAt: Date? = nil,
        promisedDeliveryBy: Date? = nil, openRefunds: [OpenRefund] = []
    ) {
        self.orderID = orderID
        self.orderStatus = orderStatus
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.carrierStatus = carrierStatus
        self.paidAt = paidAt
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
        self.promisedDeliveryBy = promisedDeliveryBy
        self.openRefunds = openRefunds
    }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id"
        case orderStatus = "order_status"
        case carrier
        case trackingNumber = "tracking_number"
        case carrierStatus = "carrier_status"
        case paidAt = "paid_at"
        case shippedAt = "shipped_at"
        case deliveredAt = "delivered_at"
        case promisedDeliveryBy = "promised_delivery_by"
        case openRefunds = "open_refunds"
    }

    /// Reads facts from the decision format.
    public init(from decoder: any Decoder, currency: String) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        orderID = try container.decode(String.self, forKey: .orderID)
        orderStatus = try container.decode(OrderStatus.self, forKey: .orderStatus)
        carrier = try container.decodeIfPresent(String.self, forKey: .carrier)
        trackingNumber = try container.decodeIfPresent(String.self, forKey: .trackingNumber)
        carrierStatus = try container.decodeIfPresent(CarrierStatus.self, forKey: .carrierStatus)
        paidAt = try container.decodeTimestampIfPresent(forKey: .paidAt)
        shippedAt = try container.decodeTimestampIfPresent(forKey: .shippedAt)
        deliveredAt = try container.decodeTimestampIfPresent(forKey: .deliveredAt)
        promisedDeliveryBy = try container.decodeTimestampIfPresent(forKey: .promisedDeliveryBy)
        var refunds: [OpenRefund] = []
        if try container.contains(.openRefunds) && !container.decodeNil(forKey: .openRefunds) {
            var list = try container.nestedUnkeyedContainer(forKey: .openRefunds)
            while !list.isAtEnd { refunds.append(try OpenRefund(from: try list.superDecoder(), currency: currency)) }
        }
        openRefunds = refunds
    }

    /// Writes facts in the decision format.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orderID, forKey: .orderID)
        try container.encode(orderStatus, forKey: .orderStatus)
        try container.encode(carrier, forKey: .carrier)
        try container.encode(trackingNumber, forKey: .trackingNumber)
        try container.encode(carrierStatus, forKey: .carrierStatus)
        try container.encodeTimestampOrNull(paidAt, forKey: .paidAt)
        try container.encodeTimestampOrNull(shippedAt, forKey: .shippedAt)
        try container.encodeTimestampOrNull(deliveredAt, forKey: .deliveredAt)
        try container.encodeTimestampOrNull(promisedDeliveryBy, forKey: .promisedDeliveryBy)
        try container.encode(openRefunds, forKey: .openRefunds)
    }
}
