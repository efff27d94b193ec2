/// RFC 6901 JSON pointers (`/limits/auto_approve_max_minor/CNY`), as schema violations and
/// field errors name the place they are about.
public enum JSONPointer {
    /// A reference token escaped: `~` → `~0`, `/` → `~1`.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var out = ""
        for scalar in token.unicodeScalars {
            switch scalar {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `base` extended by one object key or array index.
    public static func appending(_ base: String, _ token: String) -> String { base + "/" + escape(token) }
}
