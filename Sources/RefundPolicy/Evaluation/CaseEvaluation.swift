import SupportModel

/// The checks that come before any remedy: ownership (rule 1), the timezone, the consistency
/// of the order data, unknown statuses and categories (rule 10), the lines and quantities
/// the request names; then intents without remedy (rule 9) or the order's rules.
struct CaseEvaluation {
    let policy: RefundPolicyDocument
    let knownCategories: Set<ProductCategory>
    let policyCase: PolicyCase

    private var request: PolicyRequest { policyCase.request }

    func evaluate() -> Verdict {
        guard let order = ownedOrder() else { return ownershipVerdict() }

        guard let clock = PolicyClock(now: policyCase.now, timezoneIdentifier: policyCase.timezone ?? policy.timezone)
        else { return Verdict(.manualReview, [.unknownTimezone], [.timezone]) }

        if !isConsistent(order) { return Verdict(.manualReview, [.inconsistentOrderData], [.unknownData]) }

        var unknown: [ReasonCode] = []
        if case .unrecognized = order.status { unknown.append(.unknownOrderStatus) }
        if case .unrecognized? = order.carrierStatus { unknown.append(.unknownCarrierStatus) }
        if case .unrecognized? = request.claimedCondition { unknown.append(.unknownClaimedCondition) }
        if !unknown.isEmpty { return Verdict(.manualReview, unknown, [.unknownData]) }

        let covered: [CoveredLine]
        switch coveredLines(of: order) {
        case .success(let lines): covered = lines
        case .failure(let problem): return Verdict(.needInfo, [problem.reason], [.requestScope])
        }
        if covered.contains(where: { !knownCategories.contains($0.line.category) }) {
            return Verdict(.manualReview, [.unknownCategory], [.unknownData])
        }

        let evaluation = OrderEvaluation(
            policy: policy, policyCase: policyCase, order: order, clock: clock, covered: covered)
        return evaluation.evaluate()
    }

    /// The case's order when it is the customer's and the one the request names; nil otherwise.
    private func ownedOrder() -> OrderSnapshot? {
        guard let order = policyCase.order, order.customerID == policyCase.customer.id else { return nil }
        if let requester = request.customerID, requester != policyCase.customer.id { return nil }
        if let orderID = request.orderID, orderID != order.id { return nil }
        return order
    }

    /// Rule 1 without an order of the customer's: ask for the number, reveal nothing.
    private func ownershipVerdict() -> Verdict {
        var verdict: Verdict
        if policyCase.order == nil, request.orderID == nil {
            verdict =
                request.intent.asksForNoRemedy
                ? Verdict(.none, [.noRemedyRequested], [.noRemedy]) : Verdict(.needInfo, [.orderIDMissing], [.ownership])
        } else {
            verdict = Verdict(.needInfo, [.orderNotFound], [.ownership])
        }
        verdict.revealsOrder = false
        return verdict
    }

    /// Whether the amounts, quantities and line numbers can be right: no negative amounts,
    /// at least one unit per line, refunded ≤ paid, unique line numbers, no overflow, an
    /// ISO 4217 currency.
    private func isConsistent(_ order: OrderSnapshot) -> Bool {
        // Every amount of the order is in its currency (a catalogue price may not be).
        let currency = order.currency
        guard !order.lines.isEmpty, RefundPolicyDocument.isCurrencyCode(currency), order.shippingFee.currency == currency,
            order.shippingFee.minorUnits >= 0,
            policyCase.customer.refundsLast90Days >= 0
        else { return false }
        var lineNumbers: Set<Int> = []
        var total = order.shippingFee.minorUnits
        for line in order.lines {
            guard lineNumbers.insert(line.lineNo).inserted, line.quantity >= 1, line.unitPricePaid.currency == currency,
                line.refunded.currency == currency, line.unitPricePaid.minorUnits >= 0, line.refunded.minorUnits >= 0
            else { return false }
            let (paid, overflow) = Int64(line.quantity).multipliedReportingOverflow(by: line.unitPricePaid.minorUnits)
            guard !overflow, line.refunded.minorUnits <= paid else { return false }
            let (sum, sumOverflow) = total.addingReportingOverflow(paid)
            guard !sumOverflow else { return false }
            total = sum
        }
        guard order.openRefunds.allSatisfy({ $0.amount.minorUnits >= 0 && $0.amount.currency == currency }) else {
            return false
        }
        return policyCase.catalog.values.allSatisfy { ($0.currentPrice?.minorUnits ?? 0) >= 0 }
    }

    private struct ScopeProblem: Error {
        let reason: ReasonCode
    }

    /// The lines the request is about (`line_nos`, or every line) with their units
    /// (`quantities`, or the whole line).
    private func coveredLines(of order: OrderSnapshot) -> Result<[CoveredLine], ScopeProblem> {
        var numbers: [Int] = []
        if let requested = request.lineNos {
            guard !requested.isEmpty else { return .failure(ScopeProblem(reason: .lineNotFound)) }
            for number in requested where !numbers.contains(number) { numbers.append(number) }
        } else {
            numbers = order.lines.map(\.lineNo)
        }
        var covered: [CoveredLine] = []
        for number in numbers {
            guard let line = order.lines.first(where: { $0.lineNo == number }) else {
                return .failure(ScopeProblem(reason: .lineNotFound))
            }
            let units = request.quantities?[number] ?? line.quantity
            guard (1...line.quantity).contains(units) else { return .failure(ScopeProblem(reason: .quantityInvalid)) }
            covered.append(CoveredLine(line: line, units: units))
        }
        for number in (request.quantities ?? [:]).keys where !numbers.contains(number) {
            return .failure(ScopeProblem(reason: order.lines.contains { $0.lineNo == number } ? .quantityInvalid : .lineNotFound))
        }
        return .success(covered)
    }
}
