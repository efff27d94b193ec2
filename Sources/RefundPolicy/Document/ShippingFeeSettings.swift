/// When the order's shipping fee is refunded.
public struct ShippingFeeSettings: Sendable, Hashable, Codable {
    /// With a cancel before shipment of the whole order; true in the default policy.
    public var refundOnCancel: Bool
    /// With a refund-only of every line of an order that never arrived (lost, or overdue past
    /// the grace period); true in the default policy.
    public var refundOnNotReceived: Bool

    /// Settings.
    public init(refundOnCancel: Bool, refundOnNotReceived: Bool) {
        self.refundOnCancel = refundOnCancel
        self.refundOnNotReceived = refundOnNotReceived
    }

    enum CodingKeys: String, CodingKey {
        case refundOnCancel = "refund_on_cancel"
        case refundOnNotReceived = "refund_on_not_received"
    }
}
