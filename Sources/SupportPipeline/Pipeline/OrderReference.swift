import Foundation

/// How the order references customers type are matched to the shop's order ids. Customers
/// write them in many shapes — with `#`, spaces or dashes, in lower case, with the platform's
/// letters in front ("TB3849201756", "JD-2938-1123") — and a reference counts only when it
/// names one of the customer's own orders.
public enum OrderReference {
    /// Upper case without `#`, spaces, dashes and other separators: "jd-2938 1123" → "JD29381123".
    public static func normalized(_ text: String) -> String {
        let kept = text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { scalar in
            ("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
        }
        return String(String.UnicodeScalarView(kept)).uppercased()
    }

    /// The keys to look a reference up by: its normalized form, and the digits after a
    /// platform prefix of letters ("TB3849201756" → "3849201756") when at least six remain.
    public static func lookupKeys(_ reference: String) -> [String] {
        let key = normalized(reference)
        guard !key.isEmpty else { return [] }
        var keys = [key]
        let digits = key.drop { ("A"..."Z").contains($0) }
        if digits.count >= 6, digits.count < key.count, digits.allSatisfy(\.isNumber) { keys.append(String(digits)) }
        return keys
    }

    /// Whether `reference` names the order `orderID`.
    public static func matches(_ reference: String, orderID: String) -> Bool {
        let id = normalized(orderID)
        return !id.isEmpty && lookupKeys(reference).contains(id)
    }
}
