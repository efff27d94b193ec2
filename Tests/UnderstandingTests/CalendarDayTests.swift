import Foundation
import Testing
import Understanding

@Suite struct CalendarDayTests {
    @Test func daysCountFromTheEpochBothWays() throws {
        let days = [("1970-01-01", 0), ("2026-11-20", 20_777), ("2000-02-29", 11_016), ("1969-12-31", -1)]
        for (iso, count) in days {
            let day = try CalendarDay(iso: iso)
            #expect(day.daysSinceEpoch == count)
            #expect(day.description == iso)
            #expect(day.adding(days: 0) == day)
        }
        #expect(try CalendarDay(iso: "2026-12-31").adding(days: 1).description == "2027-01-01")
        #expect(try CalendarDay(iso: "2024-03-01").adding(days: -1).description == "2024-02-29")
    }

    @Test func weekdaysAreISO() throws {
        #expect(try CalendarDay(iso: "2026-11-20").weekday == 5)
        #expect(try CalendarDay(iso: "2026-11-16").weekday == 1)
        #expect(try CalendarDay(iso: "2026-11-22").weekday == 7)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-11-31", "20261120", "2026-1-2", "tomorrow"])
    func impossibleOrMalformedDaysAreRefused(text: String) {
        #expect(throws: UnderstandingError.self) { try CalendarDay(iso: text) }
    }

    @Test func theDayOfAnInstantDependsOnTheTimeZone() throws {
        let instant = Date(timeIntervalSince1970: 1_795_118_400)  // 2026-11-19T20:00:00Z
        #expect(CalendarDay(date: instant, timeZone: TimeZone(identifier: "UTC")!).description == "2026-11-19")
        #expect(CalendarDay(date: instant, timeZone: TimeZone(identifier: "Asia/Shanghai")!).description == "2026-11-20")
    }
}
