import Foundation
import SupportModel
import Understanding

/// A shop's own order-reference shapes, as a regular expression (`--order-ref-pattern`): every
/// match in a message is an order reference besides those the analyzer finds. A reference is
/// used only when it names one of the customer's orders (`OrderReference`).
public struct OrderReferencePattern: Sendable, Hashable {
    /// The expression as given.
    public let source: String
    private let expression: NSRegularExpression

    /// Compiles `source`; throws naming the problem when it is not a valid expression or can
    /// match nothing but the empty string.
    public init(_ source: String) throws(OrderReferencePatternError) {
        do {
            expression = try NSRegularExpression(pattern: source)
        } catch {
            throw OrderReferencePatternError(pattern: source, problem: "is not a valid regular expression")
        }
        guard expression.firstMatch(in: "", range: NSRange(location: 0, length: 0)) == nil else {
            throw OrderReferencePatternError(pattern: source, problem: "matches the empty string")
        }
        self.source = source
    }

    /// `analysis` with an `order_id` entity for each match that no order reference covers yet.
    public func adding(to analysis: MessageAnalysis, text: String) -> MessageAnalysis {
        var analysis = analysis
        let found = analysis.entities(of: .orderID)
        for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard match.range.length > 0, let range = Range(match.range, in: text) else { continue }
            let start = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
            let end = start + text[range].unicodeScalars.count
            guard !found.contains(where: { $0.start < end && start < $0.end }) else { continue }
            let piece = String(text[range])
            // Another entity over the same characters (the rules read "20261115" as a date) gives way.
            analysis.entities.removeAll { $0.start < end && start < $0.end }
            analysis.entities.append(Entity(type: .orderID, text: piece, start: start, end: end, normalized: OrderReference.normalized(piece)))
        }
        analysis.entities.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        return analysis
    }

    public static func == (a: Self, b: Self) -> Bool { a.source == b.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// An order-reference pattern that cannot be used.
public struct OrderReferencePatternError: Error, Sendable, CustomStringConvertible {
    public let pattern: String
    public let problem: String
    public var description: String { "order reference pattern \"\(pattern)\" \(problem)" }
}
