/// An order line a request is about, with the units it concerns. Amounts assume the order
/// passed the consistency check (no overflow, refunded ≤ paid).
struct CoveredLine {
    /// The order line.
    let line: OrderLine
    /// Units concerned: `request.quantities[line_no]`, or the whole line.
    let units: Int

    /// Paid for the whole line.
    var paidMinor: Int64 { Int64(line.quantity) * line.unitPricePaidMinor }

    /// Paid and not refunded yet.
    var remainingMinor: Int64 { paidMinor - line.refundedMinor }

    /// Refund for the units concerned, never above what remains.
    var refundableMinor: Int64 {
        units == line.quantity ? remainingMinor : min(Int64(units) * line.unitPricePaidMinor, remainingMinor)
    }

    /// Whether everything paid for the line was refunded already.
    var isFullyRefunded: Bool { line.refundedMinor > 0 && line.refundedMinor >= paidMinor }

    /// Whether the units are the whole line.
    var isWholeLine: Bool { units == line.quantity }

    /// The line as covered by a decision with `refund`.
    func decisionLine(refund: Int64) -> DecisionLine {
        DecisionLine(lineNo: line.lineNo, units: units, refundMinor: refund)
    }
}
