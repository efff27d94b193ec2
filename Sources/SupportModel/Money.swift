/// An amount of money in integer minor units (fen, cents) with its ISO 4217 currency.
/// Money is never a floating-point number in this product.
public struct Money: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Amount in minor units (1 CNY = 100 fen).
    public var minorUnits: Int64
    /// ISO 4217 code, upper case (`CNY`, `USD`).
    public var currency: String

    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: String) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Orders amounts of the same currency; amounts of different currencies order by code.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.currency == rhs.currency ? lhs.minorUnits < rhs.minorUnits : lhs.currency < rhs.currency
    }

    /// Decimal text with two fraction digits and the code, e.g. `399.00 CNY`.
    public var description: String { "\(Money.decimalString(minorUnits)) \(currency)" }

    /// Decimal text of a minor-unit amount with two fraction digits (`-12.05`).
    public static func decimalString(_ minor: Int64) -> String {
        let sign = minor < 0 ? "-" : ""
        let magnitude = minor.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension Money {
    /// Whether the amount is zero.
    public var isZero: Bool { minorUnits == 0 }

    /// The sum of two amounts of one currency. Adding amounts of different currencies is a
    /// programming error: every amount of one order is in the order's currency.
    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "adding \(lhs.currency) to \(rhs.currency)")
        return Money(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency)
    }

    /// The difference of two amounts of one currency.
    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "subtracting \(rhs.currency) from \(lhs.currency)")
        return Money(minorUnits: lhs.minorUnits - rhs.minorUnits, currency: lhs.currency)
    }

    /// The amount times a number of units.
    public static func * (lhs: Money, units: Int) -> Money {
        Money(minorUnits: lhs.minorUnits * Int64(units), currency: lhs.currency)
    }

    /// The smaller of two amounts of one currency.
    public static func minimum(_ a: Money, _ b: Money) -> Money {
        precondition(a.currency == b.currency, "comparing \(a.currency) with \(b.currency)")
        return a.minorUnits <= b.minorUnits ? a : b
    }
}
