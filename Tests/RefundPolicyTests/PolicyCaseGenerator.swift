import Foundation
import TestSupport
import SupportModel

@testable import RefundPolicy

/// Generates policy cases from a seed: `validCase()` gives consistent data of known values for
/// the customer's own order; `wildCase()` anything a caller could build (negative or huge
/// amounts, unknown values, other customers, nonsense line numbers, odd times).
struct PolicyCaseGenerator {
    private var random: SplitMix64
    private let categories: [ProductCategory]
    private let base = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21

    init(seed: UInt64, policy: RefundPolicyDocument) {
        random = SplitMix64(seed: seed)
        categories = policy.categories
    }

    private mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    private mutating func int64(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &random) }
    private mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }
    private mutating func minutes(_ range: ClosedRange<Int>) -> TimeInterval { TimeInterval(int(range) * 60) }

    static let knownStatuses: [OrderStatus] = [.pendingPayment, .paid, .shipped, .delivered, .cancelled, .completed]
    static let weightedStatuses: [OrderStatus] =
        [.pendingPayment, .paid, .paid, .shipped, .shipped, .shipped, .shipped, .cancelled, .completed, .completed]
        + Array(repeating: .delivered, count: 10)
    static let remedyIntents: [Intent] = [
        .returnRequest, .refundRequest, .exchangeRequest, .damagedOrDefective, .wrongOrMissingItem, .cancelOrder,
        .notReceived, .priceProtection,
    ]
    static let knownCarrierStatuses: [CarrierStatus?] = [nil, .inTransit, .delivered, .lost, .returned]
    static let knownConditions: [ClaimedCondition?] = [
        nil, .unopened, .openedIntact, .used, .damagedByCustomer, .defective, .wrongItem, .missingPart,
    ]
    static let timezones: [String?] = [nil, nil, nil, "Asia/Shanghai", "UTC", "America/New_York", "Europe/Berlin"]

    /// A case about the customer's own order with consistent amounts and known values, shaped
    /// like real traffic: mostly remedies asked around the windows of the policy.
    mutating func validCase() -> PolicyCase {
        let deliveredAt = base.addingTimeInterval(minutes(0...500_000))
        let paidAt = deliveredAt.addingTimeInterval(-minutes(60 * 24...60 * 24 * 6))
        let shippedAt = paidAt.addingTimeInterval(minutes(0...60 * 24 * 2))
        let promised = shippedAt.addingTimeInterval(minutes(60 * 24...60 * 24 * 4))
        let status = pick(Self.weightedStatuses)
        let now: Date
        switch status {
        case .shipped: now = promised.addingTimeInterval(minutes(-60 * 24 * 3...60 * 24 * 8))
        case .delivered, .completed:
            now = deliveredAt.addingTimeInterval(chance(0.8) ? minutes(0...60 * 24 * 20) : minutes(0...60 * 24 * 400))
        default: now = paidAt.addingTimeInterval(minutes(0...60 * 24 * 10))
        }
        let carrierStatus: CarrierStatus?
        if chance(0.85) {
            switch status {
            case .delivered, .completed: carrierStatus = .delivered
            case .shipped: carrierStatus = pick([.inTransit, .inTransit, .inTransit, .lost, .returned, nil])
            default: carrierStatus = nil
            }
        } else {
            carrierStatus = pick(Self.knownCarrierStatuses)
        }

        let currency = pick(["CNY", "CNY", "CNY", "CNY", "CNY", "CNY", "CNY", "USD", "USD", "EUR"])
        func money(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: currency) }
        var lines: [OrderLine] = []
        var catalog: [String: CatalogEntry] = [:]
        for number in 1...int(1...4) {
            let quantity = int(1...5)
            let price = chance(0.05) ? 0 : chance(0.8) ? int64(1...20_000) : int64(1...200_000)
            let paid = Int64(quantity) * price
            let refunded: Int64 = chance(0.6) ? 0 : chance(0.4) ? paid : int64(0...paid)
            let sku = "S\(number)"
            lines.append(
                OrderLine(
                    lineNo: number, sku: sku, productName: "product \(number)", category: pick(categories),
                    quantity: quantity, unitPricePaid: money(price), refunded: money(refunded),
                    noReasonReturnExcludedConfirmed: chance(0.2),
                    promotion: chance(0.7) ? nil : pick([Promotion.flashSale, "coupon"])))
            if chance(0.8) {
                catalog[sku] = CatalogEntry(
                    currentPrice: chance(0.2) ? nil : money(max(0, price + int64(-20_000...5_000))),
                    stock: ["\(sku)-M": int(0...4), "\(sku)-L": int(0...4)])
            }
        }
        var openRefunds: [OpenRefund] = []
        if chance(0.05) {
            openRefunds.append(
                OpenRefund(lineNo: chance(0.8) ? int(1...lines.count) : nil, amount: money(int64(0...50_000)), status: "pending"))
        }
        let order = OrderSnapshot(
            id: "O1", customerID: "u1", status: status,
            currency: currency,
            paidAt: status == .pendingPayment ? nil : paidAt,
            shippedAt: [.shipped, .delivered, .completed].contains(status) ? shippedAt : nil,
            deliveredAt: status.isDelivered || chance(0.1) ? deliveredAt : nil,
            deliveredAtPrecision: chance(0.3) ? .date : .instant, promisedDeliveryBy: chance(0.9) ? promised : nil,
            carrier: "SF Express", trackingNumber: "SF1", carrierStatus: carrierStatus,
            shippingFee: money(chance(0.5) ? 0 : int64(1...2_000)), returnShippingInsurance: chance(0.3), lines: lines,
            openRefunds: openRefunds)

        var lineNos: [Int]?
        if chance(0.5) { lineNos = lines.map(\.lineNo).filter { _ in chance(0.6) } }
        if lineNos?.isEmpty == true { lineNos = [1] }
        var quantities: [Int: Int]?
        if chance(0.3) {
            let line = lines[int(0...lines.count - 1)]
            if lineNos == nil || lineNos!.contains(line.lineNo) { quantities = [line.lineNo: int(1...line.quantity)] }
        }
        let request = PolicyRequest(
            intent: chance(0.2) ? pick(Intent.allCases) : pick(Self.remedyIntents), customerID: "u1", orderID: "O1", lineNos: lineNos, quantities: quantities,
            claimedCondition: chance(0.4) ? nil : pick(Self.knownConditions),
            exchangeSKU: chance(0.5) ? nil : pick(["S1-M", "S1-L", "S2-M", "S9-X"]))
        let customer = CustomerProfile(
            id: "u1", tier: pick([.regular, .vip, nil]), fraudFlag: chance(0.1), refundsLast90Days: int(0...5))
        return PolicyCase(
            caseID: "g", now: now, timezone: pick(Self.timezones), customer: customer, order: order, catalog: catalog,
            request: request)
    }

    /// Anything a caller could construct.
    mutating func wildCase() -> PolicyCase {
        var policyCase = validCase()
        let extremes: [Int64] = [Int64.min, -1, 0, 1, Int64.max, Int64.max / 2, 9_000_000_000_000_000]
        if var order = policyCase.order {
            for index in order.lines.indices {
                if chance(0.3) { order.lines[index].quantity = pick([Int.min, -3, 0, 1, Int.max, 1_000_000]) }
                if chance(0.3) { order.lines[index].unitPricePaid.minorUnits = pick(extremes) }
                if chance(0.3) { order.lines[index].refunded.minorUnits = pick(extremes) }
                if chance(0.2) { order.lines[index].lineNo = pick([Int.min, 0, 1, 2, Int.max]) }
                if chance(0.2) { order.lines[index].category = pick(["", "pets", "ELECTRONICS", "电子产品"]) }
            }
            if chance(0.1) { order.lines = [] }
            if chance(0.3) { order.shippingFee.minorUnits = pick(extremes) }
            if chance(0.2) { order.status = pick([.unrecognized(""), .unrecognized("on_hold"), .paid]) }
            if chance(0.2) { order.carrierStatus = .unrecognized("x") }
            if chance(0.2) { order.customerID = pick(["u2", ""]) }
            if chance(0.2) { order.currency = pick(["", "cny", "CNY", "XXXX"]) }
            if chance(0.2) { order.deliveredAt = pick([Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: 1e15)]) }
            if chance(0.2) { order.paidAt = pick([Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: -1e15)]) }
            if chance(0.2) { order.promisedDeliveryBy = pick([Date.distantPast, Date.distantFuture]) }
            if chance(0.2) { order.openRefunds.append(OpenRefund(lineNo: Int.max, amount: Money(minorUnits: Int64.min, currency: order.currency), status: "")) }
            policyCase.order = chance(0.1) ? nil : order
        }
        if chance(0.2) { policyCase.request.lineNos = pick([[], [0], [Int.max, Int.min], [1, 1, 1], [-5]]) }
        if chance(0.2) { policyCase.request.quantities = pick([[1: 0], [1: -1], [1: Int.max], [Int.min: 1], [:]]) }
        if chance(0.2) { policyCase.request.claimedCondition = .unrecognized("") }
        if chance(0.1) { policyCase.request.customerID = "u7" }
        if chance(0.1) { policyCase.request.orderID = nil }
        if chance(0.2) { policyCase.timezone = pick(["", "Nowhere/City", "UTC", "+08:00"]) }
        if chance(0.2) { policyCase.customer.refundsLast90Days = pick([Int.min, -1, Int.max]) }
        if chance(0.2) { policyCase.now = pick([Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: .nan)]) }
        if chance(0.2) {
            policyCase.catalog["S1"] = CatalogEntry(
                currentPrice: Money(minorUnits: pick(extremes), currency: pick(["CNY", "USD"])), stock: ["S1-M": pick([Int.min, Int.max])])
        }
        return policyCase
    }

    /// A valid case with one unknown value where the engine reads it: the order status, the
    /// carrier status, the claimed condition, or the category of a line the request covers.
    mutating func caseWithUnknownValue() -> PolicyCase {
        var policyCase = validCase()
        policyCase.request.lineNos = nil
        policyCase.request.quantities = nil
        guard var order = policyCase.order else { return policyCase }
        switch int(0...3) {
        case 0: order.status = .unrecognized(pick(["on_hold", "refunding", "", "DELIVERED"]))
        case 1: order.carrierStatus = .unrecognized(pick(["customs_hold", "exception", ""]))
        case 2: policyCase.request.claimedCondition = .unrecognized(pick(["smelly", "broken_screen", ""]))
        default:
            let index = int(0...order.lines.count - 1)
            order.lines[index].category = ProductCategory(rawValue: pick(["pets", "drones", "", "Electronics"]))
        }
        policyCase.order = order
        return policyCase
    }
}
