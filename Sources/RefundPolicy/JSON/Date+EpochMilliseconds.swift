import Foundation

extension Date {
    /// Milliseconds since 1970-01-01T00:00:00Z, rounded to the nearest (so that a time made
    /// from whole milliseconds reads back exactly); clamped so that no `Date` traps.
    var epochMilliseconds: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        guard milliseconds.isFinite else { return milliseconds > 0 ? Date.millisecondLimit : -Date.millisecondLimit }
        return Int64(max(-Double(Date.millisecondLimit), min(Double(Date.millisecondLimit), milliseconds)))
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    init(epochMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private static let millisecondLimit: Int64 = 9_000_000_000_000_000
}
