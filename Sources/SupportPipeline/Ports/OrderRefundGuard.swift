/// The refund state of the order a decision was taken on. The commit locks the order and goes
/// ahead only if the state is unchanged, so two conversations cannot both approve a refund on
/// the same state (see `CommitOutcome.orderChanged`).
public struct OrderRefundGuard: Sendable, Hashable {
    public var orderID: String
    /// The state read with the order (`order_refund_state` in the database).
    public var state: String

    public init(orderID: String, state: String) {
        self.orderID = orderID
        self.state = state
    }
}
