import Foundation
import SupportModel

/// One way a draft goes beyond the facts of its plan.
public struct GuardrailViolation: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// A sum of money that is not the decision's amount.
        case unsupportedAmount = "unsupported_amount"
        /// An order, tracking or other number that is not in the plan.
        case unknownIdentifier = "unknown_identifier"
        /// A phone number, email address or link (the bot never invents contact channels).
        case contactInfo = "contact_info"
        /// Says a remedy was granted when the decision did not grant it.
        case unfoundedPromise = "unfounded_promise"
        /// Not in the plan's language.
        case wrongLanguage = "wrong_language"
        /// Empty or too long.
        case length
    }

    public var code: Code
    /// What was found (a number or phrase from the draft; no customer data is in drafts).
    public var detail: String

    public var description: String { "\(code.rawValue): \(detail)" }
}

/// The guardrails' answer for one draft.
public struct GuardrailVerdict: Sendable, Hashable, Codable {
    public var violations: [GuardrailViolation]
    public var passed: Bool { violations.isEmpty }

    public init(violations: [GuardrailViolation]) {
        self.violations = violations
    }
}

/// Checks a draft against the facts of its plan: amounts, identifiers, contact details,
/// promises and language. Deterministic; cheap enough for every reply.
public struct DraftGuardrails: Sendable {
    /// Longest acceptable reply, in characters.
    public var maximumLength: Int

    public init(maximumLength: Int = 1000) {
        self.maximumLength = maximumLength
    }

    static let promisePhrases = [
        "已通过", "原路退回", "退款成功", "已退款", "已为您退款", "可以为您取消", "可以为您换货", "为您办理退款",
        "approved", "will be refunded", "refund has been", "we'll refund", "we will refund", "will go back to your",
        "can be cancelled", "we can exchange", "issued a refund", "refunded you",
    ]

    public func check(_ text: String, against plan: ReplyPlan) -> GuardrailVerdict {
        var violations: [GuardrailViolation] = []
        let count = text.count
        if count == 0 || count > maximumLength {
            violations.append(GuardrailViolation(code: .length, detail: "\(count) characters"))
        }
        var scalars = Array(text.unicodeScalars)
        let allowedAmounts = allowedAmounts(plan)
        for amount in MoneyScanner.amounts(in: &scalars) where !allowedAmounts.contains(amount) {
            violations.append(GuardrailViolation(code: .unsupportedAmount, detail: Money.decimalString(amount)))
        }
        let masked = String(String.UnicodeScalarView(scalars))
        let maskedBytes = Array(masked.lowercased().utf8)
        if maskedBytes.contains(UInt8(ascii: "@")) || maskedBytes.containsBytes("http") || maskedBytes.containsBytes("www.") {
            violations.append(GuardrailViolation(code: .contactInfo, detail: "email or link"))
        }
        let identifiers = allowedIdentifiers(plan)
        for phone in Self.separatedPhoneNumbers(masked) {
            violations.append(GuardrailViolation(code: .contactInfo, detail: phone))
        }
        for token in Self.alphanumericTokens(masked) where !identifiers.contains(token) {
            let digits = token.filter(\.isNumber)
            if Self.isChineseMobile(token) {
                violations.append(GuardrailViolation(code: .contactInfo, detail: token))
            } else if digits.count >= 6 {
                violations.append(GuardrailViolation(code: .unknownIdentifier, detail: token))
            }
        }
        if !(plan.decision?.outcome.isApproval ?? false) {
            let lower = Array(text.lowercased().utf8)
            for phrase in Self.promisePhrases where lower.containsBytes(phrase) {
                violations.append(GuardrailViolation(code: .unfoundedPromise, detail: phrase))
            }
        }
        if !languageMatches(text, plan) {
            violations.append(GuardrailViolation(code: .wrongLanguage, detail: plan.replyLanguage.rawValue))
        }
        return GuardrailVerdict(violations: violations)
    }

    private func allowedAmounts(_ plan: ReplyPlan) -> Set<Int64> {
        var amounts: Set<Int64> = []
        if let refund = plan.decision?.refund, refund.minorUnits > 0 { amounts.insert(refund.minorUnits) }
        if let r = plan.openRefund { amounts.insert(r.amount.minorUnits) }
        return amounts
    }

    private func allowedIdentifiers(_ plan: ReplyPlan) -> Set<String> {
        var ids = Set(plan.recentOrderIDs)
        if let o = plan.order {
            ids.insert(o.id)
            if let t = o.trackingNumber { ids.insert(t) }
        }
        return ids
    }

    /// Maximal runs of ASCII letters and digits that contain a digit.
    static func alphanumericTokens(_ text: String) -> [String] {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(String.init)
            .filter { $0.contains(where: \.isNumber) }
    }

    static func isChineseMobile(_ token: String) -> Bool {
        let u = Array(token.utf8)
        return u.count == 11 && u.allSatisfy { (48...57).contains($0) } && u[0] == UInt8(ascii: "1")
            && (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(u[1])
    }

    /// Digit groups joined by single separators (`1-800-222-1111`, `(415) 555-0123`,
    /// `+86 10 6552 9988`) with 7 to 15 digits in all.
    static func separatedPhoneNumbers(_ text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < s.count && ("0"..."9").contains(s[i]) }
        func isWordChar(_ i: Int) -> Bool { i >= 0 && i < s.count && s[i].isASCII && s[i].properties.isAlphabetic }
        var found: [String] = []
        var i = 0
        while i < s.count {
            let startsGroup = isDigit(i) || ((s[i] == "+" || s[i] == "(") && isDigit(i + 1))
            guard startsGroup, !isDigit(i - 1), !isWordChar(i - 1) else { i += 1; continue }
            var j = (s[i] == "+" || s[i] == "(") ? i + 1 : i
            var digits = 0
            var groups = 0
            var end = j
            while j < s.count {
                if isDigit(j) {
                    groups += 1
                    while isDigit(j) { digits += 1; j += 1 }
                    end = j
                    if j < s.count && s[j] == ")" { j += 1 }
                    if j < s.count && "- .".unicodeScalars.contains(s[j]) && (isDigit(j + 1) || (j + 1 < s.count && s[j + 1] == "(" && isDigit(j + 2))) {
                        j += 1
                        if s[j] == "(" { j += 1 }
                        continue
                    }
                }
                break
            }
            if groups >= 2 && (7...15).contains(digits) && !isWordChar(end) {
                found.append(String(String.UnicodeScalarView(s[i..<end])))
            }
            i = max(end, i + 1)
        }
        return found
    }

    private func languageMatches(_ text: String, _ plan: ReplyPlan) -> Bool {
        var han = 0
        var latin = 0
        let allowedHan = Set((plan.order?.productNames ?? []).joined())
        for ch in text {
            guard let scalar = ch.unicodeScalars.first else { continue }
            if (0x4E00...0x9FFF).contains(scalar.value) {
                if plan.replyLanguage == .english && allowedHan.contains(ch) { continue }
                han += 1
            } else if ch.isASCII && ch.isLetter {
                latin += 1
            }
        }
        if plan.replyLanguage == .english { return han == 0 && latin > 0 }
        return han > 0 && han * 2 >= latin
    }
}

/// Finds sums of money in text (¥399.00, 399元, 399.00 CNY, $12.50, US$12.50, 12.50 USD) and
/// masks them, returning minor units.
enum MoneyScanner {
    static func amounts(in s: inout [Unicode.Scalar]) -> [Int64] {
        var found: [Int64] = []
        var i = 0
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        while i < s.count {
            guard isDigit(s[i]), i == 0 || !isDigit(s[i - 1]) && s[i - 1] != "." else { i += 1; continue }
            var end = i
            while end < s.count && (isDigit(s[end]) || s[end] == ",") { end += 1 }
            var fractionDigits = 0
            if end + 1 < s.count && s[end] == "." && isDigit(s[end + 1]) {
                end += 1
                while end < s.count && isDigit(s[end]) { end += 1; fractionDigits += 1 }
            }
            // Integer minor units from the digits (thousands separators skipped).
            var whole: Int64 = 0
            var fraction: Int64 = 0
            var inFraction = false
            var overflow = false
            for c in s[i..<end] {
                if c == "." { inFraction = true; continue }
                guard let d = c.properties.numericType != nil ? Int64(c.value) - 48 : nil, (0...9).contains(d) else { continue }
                if inFraction { fraction = fraction * 10 + d } else {
                    let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(d)
                    overflow = overflow || o1 || o2
                    whole = a
                }
            }
            let before = String(String.UnicodeScalarView(s[max(0, i - 4)..<i]))
            let afterEnd = min(s.count, end + 4)
            let after = String(String.UnicodeScalarView(s[end..<afterEnd]))
            let prefixed = before.hasSuffix("¥") || before.hasSuffix("$") || before.hasSuffix("￥") || before.hasSuffix("CNY ")
                || before.hasSuffix("USD ") || before.hasSuffix("RMB ") || before.hasSuffix("CNY") || before.hasSuffix("RMB")
            let suffixed = after.hasPrefix("元") || after.hasPrefix("块") || after.hasPrefix(" CNY") || after.hasPrefix(" USD")
                || after.hasPrefix(" RMB") || after.hasPrefix("CNY") || after.hasPrefix(" yuan") || after.hasPrefix(" dollars")
            if (prefixed || suffixed) && fractionDigits <= 2 && !overflow {
                let minor = whole &* 100 &+ (fractionDigits == 1 ? fraction * 10 : fraction)
                found.append(minor)
                for k in i..<end { s[k] = "#" }
            }
            i = end
        }
        return found
    }
}

extension Array where Element == UInt8 {
    /// Whether the UTF-8 of `needle` occurs in these bytes (a plain byte search: Foundation's
    /// `String.contains` is locale-aware and slow on Linux).
    func containsBytes(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard !n.isEmpty, n.count <= count else { return n.isEmpty }
        let first = n[0]
        var i = 0
        let last = count - n.count
        while i <= last {
            if self[i] == first {
                var j = 1
                while j < n.count && self[i + j] == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }
}
