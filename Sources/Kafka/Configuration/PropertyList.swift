/// The librdkafka properties of a client, in the order they are set, built from a configuration
/// value: typed options, then raw extra properties, then the properties the wrapper fixes.
struct PropertyList {
    private(set) var properties: [(key: String, value: String)] = []

    /// Adds a property.
    mutating func set(_ key: String, _ value: String) {
        properties.append((key, value))
    }

    /// Adds a duration property in milliseconds.
    mutating func set(_ key: String, milliseconds duration: Duration) {
        properties.append((key, String(duration.librdkafkaMilliseconds)))
    }

    /// Adds the raw `extra` properties, refusing keys that a typed option or the wrapper owns
    /// (`owned` maps each such key, aliases included, to what sets it).
    mutating func addExtra(_ extra: [String: String], owned: [String: String]) throws(KafkaError) {
        for key in extra.keys.sorted() {
            let value = extra[key]!
            if let owner = owned[key] {
                throw KafkaError(
                    .invalidConfiguration,
                    "configuration property \"\(key)\" cannot be set in extraProperties: \(owner)",
                    property: key)
            }
            properties.append((key, value))
        }
    }

    /// Throws for an empty required value.
    static func require(_ value: String, property: String, option: String) throws(KafkaError) {
        if value.allSatisfy(\.isWhitespace) {
            throw KafkaError(
                .invalidConfiguration, "configuration property \"\(property)\" (\(option)) must not be empty",
                property: property)
        }
    }
}
