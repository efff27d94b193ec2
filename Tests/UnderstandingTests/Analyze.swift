import SupportModel
import Understanding

/// Runs the rule-based analyzer with the evaluation set's reference day, 2026-11-20 (a Friday).
enum Analyze {
    static let analyzer = RuleBasedAnalyzer()
    static let referenceDay = try! CalendarDay(year: 2026, month: 11, day: 20)

    /// The analysis of `text`.
    static func message(_ text: String, locale: String? = nil) throws(UnderstandingError) -> MessageAnalysis {
        try analyzer.analysis(of: text, context: AnalysisContext(locale: locale, referenceDay: referenceDay))
    }

    /// The texts of the entities of `type` in `text`.
    static func texts(_ type: EntityType, in text: String, locale: String? = nil) throws -> [String] {
        try message(text, locale: locale).entities(of: type).map(\.text)
    }

    /// The normalized values of the entities of `type` in `text`.
    static func values(_ type: EntityType, in text: String, locale: String? = nil) throws -> [String?] {
        try message(text, locale: locale).entities(of: type).map(\.normalized)
    }

    /// The text between two Unicode-scalar offsets.
    static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: Array(text.unicodeScalars)[start..<end])
        return String(out)
    }
}
