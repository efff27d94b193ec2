import Foundation

/// RFC 6901 JSON pointers for error messages (`/limits/auto_approve_max_minor/CNY`).
enum JSONPointer {
    /// The pointer of a decoding path; array positions come from the keys' integer values.
    static func from(codingPath: [any CodingKey]) -> String {
        codingPath.map { key in "/" + (key.intValue.map(String.init) ?? escape(key.stringValue)) }.joined()
    }

    /// `base` extended by one object key or array index.
    static func appending(_ base: String, _ token: String) -> String { base + "/" + escape(token) }

    /// A reference token escaped: `~` → `~0`, `/` → `~1`.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
