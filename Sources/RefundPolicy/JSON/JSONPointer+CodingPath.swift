import JSONSchema

extension JSONPointer {
    /// The pointer of a decoding path; array positions come from the keys' integer values.
    static func from(codingPath: [any CodingKey]) -> String {
        codingPath.map { key in "/" + (key.intValue.map(String.init) ?? escape(key.stringValue)) }.joined()
    }
}
