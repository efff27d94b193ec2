import Foundation

extension KeyedDecodingContainer {
    /// Decodes an RFC 3339 date-time string, whatever the decoder's date strategy.
    func decodeTimestamp(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = RFC3339Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected an RFC 3339 date-time with offset")
        }
        return date
    }

    /// Decodes an RFC 3339 date-time string, or nil when the key is absent or null.
    func decodeTimestampIfPresent(forKey key: Key) throws -> Date? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = RFC3339Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected an RFC 3339 date-time with offset")
        }
        return date
    }
}

extension KeyedEncodingContainer {
    /// Encodes `date` as an RFC 3339 UTC date-time string.
    mutating func encodeTimestamp(_ date: Date, forKey key: Key) throws {
        try encode(RFC3339Timestamp.format(date), forKey: key)
    }

    /// Encodes `date` as an RFC 3339 UTC date-time string, or null when it is nil.
    mutating func encodeTimestampOrNull(_ date: Date?, forKey key: Key) throws {
        if let date { try encode(RFC3339Timestamp.format(date), forKey: key) } else { try encodeNil(forKey: key) }
    }
}
