/// A Kafka record header: a name and optional bytes. A record may carry the same key twice.
public struct KafkaHeader: Hashable, Sendable {
    /// The header name.
    public var key: String
    /// The header value; `nil` for a header without a value (distinct from an empty value).
    public var value: [UInt8]?

    /// A header with raw bytes.
    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }

    /// A header whose value is the UTF-8 encoding of `value`.
    public init(key: String, string value: String) {
        self.key = key
        self.value = Array(value.utf8)
    }
}
