import Foundation

/// A compiled JSON Schema (the draft 2020-12 keywords this product uses) that validates
/// parsed JSON values.
///
/// Supported: `type`, `enum`, `const`, `properties`, `required`, `additionalProperties`,
/// `minProperties`, `maxProperties`, `items`, `minItems`, `maxItems`, `uniqueItems`,
/// `minLength`, `maxLength` (Unicode scalars), `pattern`, `format` (`date-time`, `date`,
/// `uuid`, `email` are asserted), `minimum`, `maximum`, `exclusiveMinimum`,
/// `exclusiveMaximum`, `multipleOf`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`,
/// local `$ref` (`#/$defs/…`), `$defs`. Annotations (`title`, `description`, `$id`, …) are
/// ignored; any other keyword is refused when the schema is loaded.
public struct JSONSchema: Sendable {
    let root: SchemaNode
    let definitions: [String: SchemaNode]

    /// Compiles a schema from its JSON text.
    public init(parsing text: String) throws(JSONSchemaError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            throw JSONSchemaError(schemaPath: "", message: "not JSON: \(error)")
        }
        try self.init(value)
    }

    /// Compiles a schema from a parsed JSON value.
    public init(_ schema: JSONValue) throws(JSONSchemaError) {
        var compiler = SchemaCompiler(root: schema)
        root = try compiler.compile(schema, path: "")
        definitions = compiler.compiled
        for (path, ref) in compiler.references where definitions[ref] == nil {
            throw JSONSchemaError(schemaPath: path, message: "$ref \"\(ref)\" points to nothing")
        }
    }

    /// Every violation of the schema by `value`; empty when it is valid.
    public func validate(_ value: JSONValue) -> [JSONSchemaViolation] {
        var violations: [JSONSchemaViolation] = []
        var context = ValidationContext(definitions: definitions)
        context.validate(value, against: root, path: "", into: &violations)
        return violations
    }

    /// Whether `value` is valid.
    public func isValid(_ value: JSONValue) -> Bool { validate(value).isEmpty }
}

/// One compiled schema object. Immutable after compilation.
final class SchemaNode: Sendable {
    let types: Set<String>?
    let enumValues: [JSONValue]?
    let constValue: JSONValue??
    let properties: [String: SchemaNode]
    let required: [String]
    let additionalProperties: AdditionalProperties
    let minProperties: Int?
    let maxProperties: Int?
    let items: SchemaNode?
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool
    let minLength: Int?
    let maxLength: Int?
    let pattern: CompiledPattern?
    let format: String?
    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Double?
    let exclusiveMaximum: Double?
    let multipleOf: Double?
    let allOf: [SchemaNode]
    let anyOf: [SchemaNode]
    let oneOf: [SchemaNode]
    let not: SchemaNode?
    let ifThenElse: (SchemaNode, SchemaNode?, SchemaNode?)?
    let ref: String?
    /// `true` / `false` schemas.
    let constant: Bool?

    enum AdditionalProperties: Sendable {
        case allowed
        case forbidden
        case schema(SchemaNode)
    }

    init(
        types: Set<String>? = nil, enumValues: [JSONValue]? = nil, constValue: JSONValue?? = nil,
        properties: [String: SchemaNode] = [:], required: [String] = [],
        additionalProperties: AdditionalProperties = .allowed, minProperties: Int? = nil, maxProperties: Int? = nil,
        items: SchemaNode? = nil, minItems: Int? = nil, maxItems: Int? = nil, uniqueItems: Bool = false,
        minLength: Int? = nil, maxLength: Int? = nil, pattern: CompiledPattern? = nil, format: String? = nil,
        minimum: Double? = nil, maximum: Double? = nil, exclusiveMinimum: Double? = nil,
        exclusiveMaximum: Double? = nil, multipleOf: Double? = nil, allOf: [SchemaNode] = [],
        anyOf: [SchemaNode] = [], oneOf: [SchemaNode] = [], not: SchemaNode? = nil,
        ifThenElse: (SchemaNode, SchemaNode?, SchemaNode?)? = nil, ref: String? = nil, constant: Bool? = nil
    ) {
        self.types = types
        self.enumValues = enumValues
        self.constValue = constValue
        self.properties = properties
        self.required = required
        self.additionalProperties = additionalProperties
        self.minProperties = minProperties
        self.maxProperties = maxProperties
        self.items = items
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.format = format
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.multipleOf = multipleOf
        self.allOf = allOf
        self.anyOf = anyOf
        self.oneOf = oneOf
        self.not = not
        self.ifThenElse = ifThenElse
        self.ref = ref
        self.constant = constant
    }
}

/// A `pattern` keyword's regular expression. NSRegularExpression is documented thread-safe
/// for matching, so sharing one instance across threads is safe.
struct CompiledPattern: @unchecked Sendable {
    let source: String
    let expression: NSRegularExpression

    func matches(_ s: String) -> Bool {
        expression.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}
