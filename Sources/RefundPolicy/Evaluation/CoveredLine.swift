import SupportModel

/// An order line a request is about, with the units it concerns. Amounts assume the order
/// passed the consistency check (no overflow, refunded ≤ paid).
struct CoveredLine {
    /// The order line.
    let line: OrderLine
    /// Units concerned: `request.quantities[line_no]`, or the whole line.
    let units: Int

    /// Paid for the whole line.
    var paid: Money { line.unitPricePaid * line.quantity }

    /// Paid and not refunded yet.
    var remaining: Money { paid - line.refunded }

    /// Refund for the units concerned, never above what remains.
    var refundable: Money {
        units == line.quantity ? remaining : .minimum(line.unitPricePaid * units, remaining)
    }

    /// Whether everything paid for the line was refunded already.
    var isFullyRefunded: Bool { line.refunded.minorUnits > 0 && line.refunded >= paid }

    /// Whether the units are the whole line.
    var isWholeLine: Bool { units == line.quantity }

    /// The line as covered by a decision with `refund`.
    func decisionLine(refund: Money) -> DecisionLine {
        DecisionLine(lineNo: line.lineNo, units: units, refund: refund)
    }
}
