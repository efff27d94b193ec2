import Foundation

/// The decision's time and calendar: `now`, and deadlines counted in hours or in calendar
/// days of the effective timezone. All comparisons are in whole milliseconds.
struct PolicyClock {
    /// The decision time, in milliseconds since the epoch.
    let nowMilliseconds: Int64
    private let calendar: Calendar

    /// A clock at `now` in the IANA zone `timezoneIdentifier`; nil when the zone is unknown.
    init?(now: Date, timezoneIdentifier: String) {
        guard let zone = TimeZone(identifier: timezoneIdentifier) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        self.nowMilliseconds = now.epochMilliseconds
    }

    /// Whether now is at or before `deadline` (windows are inclusive).
    func isOnOrBefore(_ deadline: Date) -> Bool { nowMilliseconds <= deadline.epochMilliseconds }

    /// `hours` × 1 h after `instant`.
    func instant(_ instant: Date, plusHours hours: Int) -> Date {
        Date(epochMilliseconds: Self.adding(instant.epochMilliseconds, Int64(hours), times: 3_600_000))
    }

    /// `days` × 24 h after `instant`.
    func instant(_ instant: Date, plusDays days: Int) -> Date {
        Date(epochMilliseconds: Self.adding(instant.epochMilliseconds, Int64(days), times: 86_400_000))
    }

    /// `days` × 24 h after now.
    func now(plusDays days: Int) -> Date {
        Date(epochMilliseconds: Self.adding(nowMilliseconds, Int64(days), times: 86_400_000))
    }

    /// The last instant of a window of `days` after a sign-for: `days` × 24 h after an exact
    /// sign-for; for a date-only sign-for, the end of the `days`-th calendar day after the
    /// sign-for day (the clock starts at the end of that day).
    func windowEnd(afterSignFor signFor: Date, precision: SignForPrecision, days: Int) -> Date {
        switch precision {
        case .instant:
            return instant(signFor, plusDays: days)
        case .date:
            let calendarDays = min(max(days, 0), Self.maximumCalendarDays) + 1
            let startOfSignForDay = calendar.startOfDay(for: signFor)
            let startOfDayAfterWindow =
                calendar.date(byAdding: .day, value: calendarDays, to: startOfSignForDay)
                ?? instant(startOfSignForDay, plusDays: calendarDays)
            return Date(epochMilliseconds: startOfDayAfterWindow.epochMilliseconds - 1)
        }
    }

    /// The last instant of a window of `days` × 24 h after `instant`.
    func windowEnd(after instant: Date, days: Int) -> Date { self.instant(instant, plusDays: days) }

    /// Calendar arithmetic beyond this many days (about 2,700 years) is not attempted.
    private static let maximumCalendarDays = 1_000_000

    private static func adding(_ base: Int64, _ count: Int64, times unit: Int64) -> Int64 {
        let (product, productOverflow) = count.multipliedReportingOverflow(by: unit)
        guard !productOverflow else { return count > 0 ? Int64.max / 2 : Int64.min / 2 }
        let (sum, sumOverflow) = base.addingReportingOverflow(product)
        guard !sumOverflow else { return product > 0 ? Int64.max / 2 : Int64.min / 2 }
        return sum
    }
}
