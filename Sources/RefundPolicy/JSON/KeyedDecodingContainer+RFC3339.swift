import Foundation
import JSONSchema

extension KeyedDecodingContainer {
    /// Decodes an RFC 3339 date-time string, whatever the decoder's date strategy.
    func decodeTimestamp(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected an RFC 3339 date-time with offset")
        }
        return date
    }

    /// Decodes an RFC 3339 date-time string, or nil when the key is absent or null.
    func decodeTimestampIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeTimestamp(forKey: key)
    }
}

extension KeyedEncodingContainer {
    /// Encodes `date` as an RFC 3339 UTC date-time string (`2026-11-20T02:00:00.000Z`);
    /// throws for an instant outside the years 0001–9999, which RFC 3339 cannot write.
    mutating func encodeTimestamp(_ date: Date, forKey key: Key) throws {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, (-62_135_596_800...253_402_300_799).contains(seconds) else {
            throw EncodingError.invalidValue(
                date, EncodingError.Context(codingPath: codingPath + [key], debugDescription: "time outside 0001–9999"))
        }
        try encode(RFC3339.format(date), forKey: key)
    }

    /// Encodes `date` as an RFC 3339 UTC date-time string, or null when it is nil.
    mutating func encodeTimestampOrNull(_ date: Date?, forKey key: Key) throws {
        if let date { try encodeTimestamp(date, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
