import Foundation
import SupportModel

/// An approved refund to record (status `requested`) for the payment system.
public struct RefundRecord: Sendable, Hashable {
    public var id: UUID
    public var orderID: String
    public var outcome: PolicyOutcome
    public var amount: Money
    public var lineNos: [Int]
    public var reasonCodes: [String]
    public var policyVersion: String

    public init(
        id: UUID, orderID: String, outcome: PolicyOutcome, amount: Money, lineNos: [Int], reasonCodes: [String],
        policyVersion: String
    ) {
        self.id = id
        self.orderID = orderID
        self.outcome = outcome
        self.amount = amount
        self.lineNos = lineNos
        self.reasonCodes = reasonCodes
        self.policyVersion = policyVersion
    }
}
