import JSONSchema
extension DecodingError {
    /// The JSON pointer of the field the error is about and what is wrong with it, in words
    /// that name no Swift types (`/order/lines/0/quantity`, `expected integer`).
    var fieldProblem: (pointer: String, message: String) {
        switch self {
        case .typeMismatch(let type, let context):
            return (JSONPointer.from(codingPath: context.codingPath), "expected \(Self.jsonTypeName(type))")
        case .valueNotFound(let type, let context):
            return (JSONPointer.from(codingPath: context.codingPath), "expected \(Self.jsonTypeName(type)), found null")
        case .keyNotFound(let key, let context):
            return (JSONPointer.from(codingPath: context.codingPath + [key]), "missing required field")
        case .dataCorrupted(let context):
            let message = context.debugDescription.isEmpty ? "invalid value" : context.debugDescription
            return (JSONPointer.from(codingPath: context.codingPath), message)
        @unknown default:
            return ("", "invalid document")
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type: "integer"
        case is Double.Type, is Float.Type: "number"
        case is String.Type: "string"
        case is Bool.Type: "boolean"
        default:
            String(describing: type).hasPrefix("Array") ? "array"
                : String(describing: type).hasPrefix("Dictionary") ? "object" : "a value of another type"
        }
    }
}
