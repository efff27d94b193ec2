import SupportModel
import Foundation

/// The order as the order-management system knows it when the decision is made.
public struct OrderSnapshot: Sendable, Hashable, Codable {
    /// The order id.
    public var id: String
    /// The customer who placed it.
    public var customerID: String
    /// Its state.
    public var status: OrderStatus
    /// ISO 4217 code of every amount of the order.
    public var currency: String
    /// When it was paid; nil while unpaid.
    public var paidAt: Date?
    /// When it was handed to the carrier; nil before.
    public var shippedAt: Date?
    /// The sign-for time; nil before delivery.
    public var deliveredAt: Date?
    /// Whether `deliveredAt` is an exact instant or only a calendar day.
    public var deliveredAtPrecision: SignForPrecision
    /// The delivery date promised at checkout.
    public var promisedDeliveryBy: Date?
    /// The carrier's name.
    public var carrier: String?
    /// The tracking number.
    public var trackingNumber: String?
    /// What the carrier reports; nil when nothing is known.
    public var carrierStatus: CarrierStatus?
    /// Shipping fee paid, in minor units.
    public var shippingFee: Money
    /// The order carries return-shipping insurance (运费险).
    public var returnShippingInsurance: Bool
    /// The order lines.
    public var lines: [OrderLine]
    /// Refunds requested and not finished.
    public var openRefunds: [OpenRefund]

    /// An order; the optional facts default to "not happened / none".
    public init(
        id: String, customerID: String, status: OrderStatus, currency: String, paidAt: Date? = nil,
        shippedAt: Date? = nil, deliveredAt: Date? = nil, deliveredAtPrecision: SignForPrecision = .instant,
        promisedDeliveryBy: Date? = nil, carrier: String? = nil, trackingNumber: String? = nil,
        carrierStatus: CarrierStatus? = nil, shippingFee: Money? = nil, returnShippingInsurance: Bool = false,
        lines: [OrderLine], openRefunds: [OpenRefund] = []
    ) {
        self.id = id
        self.customerID = customerID
        self.status = status
        self.currency = currency
        self.paidAt = paidAt
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
        self.deliveredAtPrecision = deliveredAtPrecision
        self.promisedDeliveryBy = promisedDeliveryBy
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.carrierStatus = carrierStatus
        self.shippingFee = shippingFee ?? .zero(currency)
        self.returnShippingInsurance = returnShippingInsurance
        self.lines = lines
        self.openRefunds = openRefunds
    }

    enum CodingKeys: String, CodingKey {
        case id
        case customerID = "customer_id"
        case status
        case currency
        case paidAt = "paid_at"
        case shippedAt = "shipped_at"
        case deliveredAt = "delivered_at"
        case deliveredAtPrecision = "delivered_at_precision"
        case promisedDeliveryBy = "promised_delivery_by"
        case carrier
        case trackingNumber = "tracking_number"
        case carrierStatus = "carrier_status"
        case shippingFeeMinor = "shipping_fee_minor"
        case returnShippingInsurance = "return_shipping_insurance"
        case lines
        case openRefunds = "open_refunds"
    }

    /// Reads an order in the case format. Times are RFC 3339 and may be null; the precision
    /// defaults to `instant`, the fee to 0, insurance to false, open refunds to none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        customerID = try container.decode(String.self, forKey: .customerID)
        status = try container.decode(OrderStatus.self, forKey: .status)
        currency = try container.decode(String.self, forKey: .currency)
        paidAt = try container.decodeTimestampIfPresent(forKey: .paidAt)
        shippedAt = try container.decodeTimestampIfPresent(forKey: .shippedAt)
        deliveredAt = try container.decodeTimestampIfPresent(forKey: .deliveredAt)
        deliveredAtPrecision =
            try container.decodeIfPresent(SignForPrecision.self, forKey: .deliveredAtPrecision) ?? .instant
        promisedDeliveryBy = try container.decodeTimestampIfPresent(forKey: .promisedDeliveryBy)
        carrier = try container.decodeIfPresent(String.self, forKey: .carrier)
        trackingNumber = try container.decodeIfPresent(String.self, forKey: .trackingNumber)
        carrierStatus = try container.decodeIfPresent(CarrierStatus.self, forKey: .carrierStatus)
        shippingFee = Money(minorUnits: try container.decodeIfPresent(Int64.self, forKey: .shippingFeeMinor) ?? 0, currency: currency)
        returnShippingInsurance = try container.decodeIfPresent(Bool.self, forKey: .returnShippingInsurance) ?? false
        var lineList = try container.nestedUnkeyedContainer(forKey: .lines)
        var lines: [OrderLine] = []
        while !lineList.isAtEnd { lines.append(try OrderLine(from: try lineList.superDecoder(), currency: currency)) }
        self.lines = lines
        var refunds: [OpenRefund] = []
        if try container.contains(.openRefunds) && !container.decodeNil(forKey: .openRefunds) {
            var list = try container.nestedUnkeyedContainer(forKey: .openRefunds)
            while !list.isAtEnd { refunds.append(try OpenRefund(from: try list.superDecoder(), currency: currency)) }
        }
        openRefunds = refunds
    }

    /// Writes the order in the case format.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(customerID, forKey: .customerID)
        try container.encode(status, forKey: .status)
        try container.encode(currency, forKey: .currency)
        try container.encodeTimestampOrNull(paidAt, forKey: .paidAt)
        try container.encodeTimestampOrNull(shippedAt, forKey: .shippedAt)
        try container.encodeTimestampOrNull(deliveredAt, forKey: .deliveredAt)
        try container.encode(deliveredAtPrecision, forKey: .deliveredAtPrecision)
        try container.encodeTimestampOrNull(promisedDeliveryBy, forKey: .promisedDeliveryBy)
        try container.encode(carrier, forKey: .carrier)
        try container.encode(trackingNumber, forKey: .trackingNumber)
        try container.encode(carrierStatus, forKey: .carrierStatus)
        try container.encode(shippingFee.minorUnits, forKey: .shippingFeeMinor)
        try container.encode(returnShippingInsurance, forKey: .returnShippingInsurance)
        try container.encode(lines, forKey: .lines)
        try container.encode(openRefunds, forKey: .openRefunds)
    }

    /// Whether the goods have reached the customer: the order is `delivered` or `completed`,
    /// or the carrier reports `delivered`.
    public var isDelivered: Bool { status.isDelivered || carrierStatus == .delivered }
}
