import Foundation
import JSONSchema

/// Encodes log records as single-line JSON objects with stable key order:
/// `ts`, `level`, `logger`, `msg`, then metadata keys sorted.
enum JSONLogEncoder {
    static func encode(_ record: LogRecord) -> String {
        var out = "{\"ts\":"
        appendString(timestamp(record.timestamp), to: &out)
        out += ",\"level\":"
        appendString(record.level.description, to: &out)
        out += ",\"logger\":"
        appendString(record.label, to: &out)
        out += ",\"msg\":"
        appendString(record.message, to: &out)
        for key in record.metadata.keys.sorted() where !["ts", "level", "logger", "msg"].contains(key) {
            out += ","
            appendString(key, to: &out)
            out += ":"
            append(record.metadata[key]!, to: &out)
        }
        out += "}"
        return out
    }

    static func append(_ value: LogValue, to out: inout String) {
        switch value {
        case .string(let s): appendString(s, to: &out)
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                append(item, to: &out)
            }
            out += "]"
        case .object(let dict):
            out += "{"
            for (i, key) in dict.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                appendString(key, to: &out)
                out += ":"
                append(dict[key]!, to: &out)
            }
            out += "}"
        }
    }

    static func appendString(_ s: String, to out: inout String) { JSONValue.appendQuoted(s, to: &out) }

    /// RFC 3339 UTC with milliseconds, without allocating a formatter per call.
    static func timestamp(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(millis / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(millis % 1000), 3))Z"
    }
}
