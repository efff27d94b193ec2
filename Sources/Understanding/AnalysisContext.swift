import Foundation

/// What an analyzer knows about a message besides its text.
public struct AnalysisContext: Sendable, Hashable {
    /// The customer's locale as the gateway sent it (`zh-CN`, `en_US`), if any. It breaks
    /// language ties and picks the currency of amounts written without one.
    public var locale: String?
    /// The day relative dates ("昨天", "last Monday") are counted from: the day the message
    /// was sent, in the shop's time zone. Passing the send day keeps redelivered messages
    /// analyzed identically.
    public var referenceDay: CalendarDay

    public init(locale: String? = nil, referenceDay: CalendarDay) {
        self.locale = locale
        self.referenceDay = referenceDay
    }

    /// A context whose reference day is today in `timeZone`.
    public static func today(locale: String? = nil, timeZone: TimeZone = .current) -> AnalysisContext {
        AnalysisContext(locale: locale, referenceDay: .today(in: timeZone))
    }

    /// The language part of the locale (`zh`, `en`), lower-cased.
    var localeLanguage: String? {
        guard let locale, !locale.isEmpty else { return nil }
        return locale.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() }
    }

    /// The region part of the locale (`CN`, `US`), upper-cased.
    var localeRegion: String? {
        guard let locale else { return nil }
        let parts = locale.split(whereSeparator: { $0 == "-" || $0 == "_" })
        return parts.dropFirst().first(where: { $0.count == 2 }).map { $0.uppercased() }
    }
}
