import Foundation
import JSONSchema

/// Writes a JSON object as one line with its top-level fields in a fixed order and nested
/// keys sorted, so equal values give equal bytes in every process (Foundation's encoder does
/// not keep field order).
public enum OrderedJSONLine {
    /// `value` encoded, its fields in `order` first and any others after them, sorted.
    public static func encode(_ value: some Encodable, order: [String]) throws -> String {
        let parsed = try JSONValue.parse(try JSONEncoder().encode(value))
        guard case .object(let members) = parsed else { return parsed.serialized() }
        let known = Set(order)
        let keys = order.filter { members[$0] != nil } + members.keys.filter { !known.contains($0) }.sorted()
        var line = "{"
        for (index, key) in keys.enumerated() {
            if index > 0 { line += "," }
            line += JSONValue.string(key).serialized() + ":" + (members[key] ?? .null).serialized()
        }
        return line + "}"
    }
}
