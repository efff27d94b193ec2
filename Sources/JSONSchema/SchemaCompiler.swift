import Foundation

/// Turns a schema document into `SchemaNode`s, checking every keyword.
struct SchemaCompiler {
    let root: JSONValue
    /// JSON pointer of each compiled `$defs`/`definitions` entry → node.
    var compiled: [String: SchemaNode] = [:]
    /// Schema path of each `$ref` → its target pointer.
    var references: [(String, String)] = []

    static let annotations: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated",
        "readOnly", "writeOnly", "$anchor",
    ]
    static let knownTypes: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]
    static let assertedFormats: Set<String> = ["date-time", "date", "uuid", "email"]

    init(root: JSONValue) {
        self.root = root
    }

    mutating func compile(_ schema: JSONValue, path: String) throws(JSONSchemaError) -> SchemaNode {
        if case .bool(let b) = schema { return SchemaNode(constant: b) }
        guard case .object(let members) = schema else {
            throw JSONSchemaError(schemaPath: path, message: "a schema must be an object or a boolean")
        }
        // Definitions first, so $ref targets exist.
        for defsKey in ["$defs", "definitions"] {
            guard let defs = members[defsKey] else { continue }
            guard case .object(let entries) = defs else {
                throw JSONSchemaError(schemaPath: "\(path)/\(defsKey)", message: "must be an object")
            }
            for (name, definition) in entries.sorted(by: { $0.key < $1.key }) {
                let pointer = "\(path)/\(defsKey)/\(JSONPointer.escape(name))"
                compiled["#" + pointer] = try compile(definition, path: pointer)
            }
        }

        var types: Set<String>?
        var enumValues: [JSONValue]?
        var constValue: JSONValue??
        var properties: [String: SchemaNode] = [:]
        var required: [String] = []
        var additional: SchemaNode.AdditionalProperties = .allowed
        var minProperties: Int?, maxProperties: Int?
        var items: SchemaNode?
        var minItems: Int?, maxItems: Int?
        var uniqueItems = false
        var minLength: Int?, maxLength: Int?
        var pattern: CompiledPattern?
        var format: String?
        var minimum: Double?, maximum: Double?, exclusiveMinimum: Double?, exclusiveMaximum: Double?
        var multipleOf: Double?
        var allOf: [SchemaNode] = [], anyOf: [SchemaNode] = [], oneOf: [SchemaNode] = []
        var not: SchemaNode?
        var ifSchema: SchemaNode?, thenSchema: SchemaNode?, elseSchema: SchemaNode?
        var ref: String?

        func count(_ key: String, _ value: JSONValue) throws(JSONSchemaError) -> Int {
            guard let i = value.intValue, i >= 0 else {
                throw JSONSchemaError(schemaPath: "\(path)/\(key)", message: "must be a non-negative integer")
            }
            return Int(i)
        }
        func number(_ key: String, _ value: JSONValue) throws(JSONSchemaError) -> Double {
            guard let d = value.doubleValue else {
                throw JSONSchemaError(schemaPath: "\(path)/\(key)", message: "must be a number")
            }
            return d
        }
        func schemaList(_ key: String, _ value: JSONValue) throws(JSONSchemaError) -> [SchemaNode] {
            guard case .array(let list) = value, !list.isEmpty else {
                throw JSONSchemaError(schemaPath: "\(path)/\(key)", message: "must be a non-empty array of schemas")
            }
            var nodes: [SchemaNode] = []
            for (i, s) in list.enumerated() { nodes.append(try compile(s, path: "\(path)/\(key)/\(i)")) }
            return nodes
        }

        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            let keyPath = "\(path)/\(key)"
            switch key {
            case _ where SchemaCompiler.annotations.contains(key), "$defs", "definitions":
                continue
            case "type":
                let names: [String]
                switch value {
                case .string(let s): names = [s]
                case .array(let list): names = list.compactMap(\.stringValue)
                    if names.count != list.count {
                        throw JSONSchemaError(schemaPath: keyPath, message: "must list type names")
                    }
                default: throw JSONSchemaError(schemaPath: keyPath, message: "must be a type name or a list of them")
                }
                for name in names where !SchemaCompiler.knownTypes.contains(name) {
                    throw JSONSchemaError(schemaPath: keyPath, message: "unknown type \"\(name)\"")
                }
                types = Set(names)
            case "enum":
                guard case .array(let list) = value else {
                    throw JSONSchemaError(schemaPath: keyPath, message: "must be an array")
                }
                enumValues = list
            case "const": constValue = .some(value)
            case "properties":
                guard case .object(let props) = value else {
                    throw JSONSchemaError(schemaPath: keyPath, message: "must be an object")
                }
                for (name, s) in props.sorted(by: { $0.key < $1.key }) {
                    properties[name] = try compile(s, path: "\(keyPath)/\(JSONPointer.escape(name))")
                }
            case "required":
                guard case .array(let list) = value, list.allSatisfy({ $0.stringValue != nil }) else {
                    throw JSONSchemaError(schemaPath: keyPath, message: "must be an array of property names")
                }
                required = list.compactMap(\.stringValue)
            case "additionalProperties":
                switch value {
                case .bool(true): additional = .allowed
                case .bool(false): additional = .forbidden
                default: additional = .schema(try compile(value, path: keyPath))
                }
            case "minProperties": minProperties = try count(key, value)
            case "maxProperties": maxProperties = try count(key, value)
            case "items": items = try compile(value, path: keyPath)
            case "minItems": minItems = try count(key, value)
            case "maxItems": maxItems = try count(key, value)
            case "uniqueItems":
                guard let b = value.boolValue else {
                    throw JSONSchemaError(schemaPath: keyPath, message: "must be a boolean")
                }
                uniqueItems = b
            case "minLength": minLength = try count(key, value)
            case "maxLength": maxLength = try count(key, value)
            case "pattern":
                guard let source = value.stringValue else {
                    throw JSONSchemaError(schemaPath: keyPath, message: "must be a string")
                }
                do {
                    pattern = CompiledPattern(source: source, expression: try NSRegularExpression(pattern: source))
                } catch {
                    throw JSONSchemaError(schemaPath: keyPath, message: "not a valid regular expression")
                }
            case "format":
                guard let f = value.stringValue else {
                    throw JSONSchemaError(schemaPath: keyPath, message: "must be a string")
                }
                format = f
            case "minimum": minimum = try number(key, value)
            case "maximum": maximum = try number(key, value)
            case "exclusiveMinimum": exclusiveMinimum = try number(key, value)
            case "exclusiveMaximum": exclusiveMaximum = try number(key, value)
            case "multipleOf":
                let m = try number(key, value)
                guard m > 0 else { throw JSONSchemaError(schemaPath: keyPath, message: "must be greater than 0") }
                multipleOf = m
            case "allOf": allOf = try schemaList(key, value)
            case "anyOf": anyOf = try schemaList(key, value)
            case "oneOf": oneOf = try schemaList(key, value)
            case "not": not = try compile(value, path: keyPath)
            case "if": ifSchema = try compile(value, path: keyPath)
            case "then": thenSchema = try compile(value, path: keyPath)
            case "else": elseSchema = try compile(value, path: keyPath)
            case "$ref":
                guard let target = value.stringValue, target.hasPrefix("#") else {
                    throw JSONSchemaError(schemaPath: keyPath, message: "only local references (#/$defs/…) are supported")
                }
                ref = target
                references.append((keyPath, target))
            default:
                throw JSONSchemaError(schemaPath: keyPath, message: "keyword \"\(key)\" is not supported by this validator")
            }
        }
        if (thenSchema != nil || elseSchema != nil) && ifSchema == nil {
            throw JSONSchemaError(schemaPath: path, message: "\"then\"/\"else\" without \"if\"")
        }
        return SchemaNode(
            types: types, enumValues: enumValues, constValue: constValue, properties: properties, required: required,
            additionalProperties: additional, minProperties: minProperties, maxProperties: maxProperties,
            items: items, minItems: minItems, maxItems: maxItems, uniqueItems: uniqueItems, minLength: minLength,
            maxLength: maxLength, pattern: pattern, format: format, minimum: minimum, maximum: maximum,
            exclusiveMinimum: exclusiveMinimum, exclusiveMaximum: exclusiveMaximum, multipleOf: multipleOf,
            allOf: allOf, anyOf: anyOf, oneOf: oneOf, not: not,
            ifThenElse: ifSchema.map { ($0, thenSchema, elseSchema) }, ref: ref)
    }
}
