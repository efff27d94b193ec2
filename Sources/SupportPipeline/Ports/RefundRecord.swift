import Conversation
import Foundation
import RefundPolicy
import SupportEvents

/// An approved refund to record (status `requested`) for the payment system.
public struct RefundRecord: Sendable, Hashable {
    public var id: UUID
    public var orderID: String
    public var outcome: String
    public var amountMinor: Int64
    public var currency: String
    public var lineNos: [Int]
    public var reasonCodes: [String]
    public var policyVersion: String

    public init(
        id: UUID, orderID: String, outcome: String, amountMinor: Int64, currency: String, lineNos: [Int],
        reasonCodes: [String], policyVersion: String
    ) {
        self.id = id
        self.orderID = orderID
        self.outcome = outcome
        self.amountMinor = amountMinor
        self.currency = currency
        self.lineNos = lineNos
        self.reasonCodes = reasonCodes
        self.policyVersion = policyVersion
    }
}
