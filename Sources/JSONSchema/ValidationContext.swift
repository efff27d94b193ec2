/// Walks a value against compiled schema nodes, collecting violations.
struct ValidationContext {
    let definitions: [String: SchemaNode]
    private var refDepth = 0

    init(definitions: [String: SchemaNode]) {
        self.definitions = definitions
    }

    mutating func validate(
        _ value: JSONValue, against node: SchemaNode, path: String, into out: inout [JSONSchemaViolation]
    ) {
        func fail(_ keyword: String, _ message: String) {
            out.append(JSONSchemaViolation(instancePath: path, keyword: keyword, message: message))
        }
        if let constant = node.constant {
            if !constant { fail("false", "no value is allowed here") }
            return
        }
        if let ref = node.ref, let target = definitions[ref] {
            refDepth += 1
            if refDepth < 64 { validate(value, against: target, path: path, into: &out) }
            refDepth -= 1
        }
        if let types = node.types {
            let name = value.typeName
            let ok = types.contains(name) || (name == "integer" && types.contains("number"))
            if !ok {
                fail("type", "expected \(types.sorted().joined(separator: " or ")), found \(name)")
                return
            }
        }
        if let values = node.enumValues, !values.contains(where: { Self.equal($0, value) }) {
            fail("enum", "must be one of \(values.map { $0.serialized() }.joined(separator: ", "))")
        }
        if let expected = node.constValue, let c = expected, !Self.equal(c, value) {
            fail("const", "must equal \(c.serialized())")
        }
        switch value {
        case .object(let members):
            for name in node.required where members[name] == nil {
                fail("required", "missing required field \"\(name)\"")
            }
            if let m = node.minProperties, members.count < m { fail("minProperties", "needs at least \(m) fields") }
            if let m = node.maxProperties, members.count > m { fail("maxProperties", "allows at most \(m) fields") }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                let memberPath = "\(path)/\(JSONPointer.escape(name))"
                if let propertySchema = node.properties[name] {
                    validate(member, against: propertySchema, path: memberPath, into: &out)
                } else {
                    switch node.additionalProperties {
                    case .allowed: break
                    case .forbidden:
                        out.append(
                            JSONSchemaViolation(
                                instancePath: memberPath, keyword: "additionalProperties",
                                message: "unknown field \"\(name)\""))
                    case .schema(let s): validate(member, against: s, path: memberPath, into: &out)
                    }
                }
            }
        case .array(let elements):
            if let m = node.minItems, elements.count < m { fail("minItems", "needs at least \(m) items") }
            if let m = node.maxItems, elements.count > m { fail("maxItems", "allows at most \(m) items") }
            if node.uniqueItems {
                outer: for i in elements.indices {
                    for j in elements.indices where j > i && Self.equal(elements[i], elements[j]) {
                        fail("uniqueItems", "items must be unique")
                        break outer
                    }
                }
            }
            if let itemSchema = node.items {
                for (i, element) in elements.enumerated() {
                    validate(element, against: itemSchema, path: "\(path)/\(i)", into: &out)
                }
            }
        case .string(let s):
            if node.minLength != nil || node.maxLength != nil {
                let length = s.unicodeScalars.count
                if let m = node.minLength, length < m { fail("minLength", "must be at least \(m) characters") }
                if let m = node.maxLength, length > m { fail("maxLength", "must be at most \(m) characters") }
            }
            if let p = node.pattern, !p.matches(s) { fail("pattern", "does not match the pattern \(p.source)") }
            if let f = node.format, !Self.formatHolds(f, s) { fail("format", "is not a valid \(f)") }
        case .int, .double:
            let d = value.doubleValue!
            if let m = node.minimum, d < m { fail("minimum", "must be ≥ \(Self.text(m))") }
            if let m = node.maximum, d > m { fail("maximum", "must be ≤ \(Self.text(m))") }
            if let m = node.exclusiveMinimum, d <= m { fail("exclusiveMinimum", "must be > \(Self.text(m))") }
            if let m = node.exclusiveMaximum, d >= m { fail("exclusiveMaximum", "must be < \(Self.text(m))") }
            if let m = node.multipleOf {
                let q = d / m
                if abs(q - q.rounded()) > 1e-9 { fail("multipleOf", "must be a multiple of \(Self.text(m))") }
            }
        case .null, .bool:
            break
        }
        for s in node.allOf { validate(value, against: s, path: path, into: &out) }
        if !node.anyOf.isEmpty {
            let matched = node.anyOf.contains { s in
                var scratch: [JSONSchemaViolation] = []
                validate(value, against: s, path: path, into: &scratch)
                return scratch.isEmpty
            }
            if !matched { fail("anyOf", "matches none of the allowed forms") }
        }
        if !node.oneOf.isEmpty {
            var results: [[JSONSchemaViolation]] = []
            for s in node.oneOf {
                var scratch: [JSONSchemaViolation] = []
                validate(value, against: s, path: path, into: &scratch)
                results.append(scratch)
            }
            let matches = results.filter(\.isEmpty).count
            if matches == 0 {
                // Report the closest alternative's violations: they say what to fix.
                if let closest = results.min(by: { $0.count < $1.count }), closest.count <= 3 {
                    out.append(contentsOf: closest)
                } else {
                    fail("oneOf", "matches none of the allowed forms")
                }
            } else if matches > 1 {
                fail("oneOf", "matches more than one of the exclusive forms")
            }
        }
        if let n = node.not {
            var scratch: [JSONSchemaViolation] = []
            validate(value, against: n, path: path, into: &scratch)
            if scratch.isEmpty { fail("not", "matches a form that is not allowed") }
        }
        if let (condition, thenSchema, elseSchema) = node.ifThenElse {
            var scratch: [JSONSchemaViolation] = []
            validate(value, against: condition, path: path, into: &scratch)
            if scratch.isEmpty {
                if let t = thenSchema { validate(value, against: t, path: path, into: &out) }
            } else if let e = elseSchema {
                validate(value, against: e, path: path, into: &out)
            }
        }
    }

    static func text(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }

    /// JSON equality: `1` equals `1.0`.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int, .double), (.double, .int), (.double, .double), (.int, .int):
            return a.doubleValue == b.doubleValue
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { key, v in y[key].map { equal(v, $0) } ?? false }
        default:
            return a == b
        }
    }

    static func formatHolds(_ format: String, _ s: String) -> Bool {
        switch format {
        case "date-time": return RFC3339.parse(s) != nil
        case "date": return RFC3339.isFullDate(s)
        case "uuid": return isUUID(s)
        case "email":
            let parts = s.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !s.contains(" ")
        default: return true  // other formats are annotations
        }
    }

    static func isUUID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 36 else { return false }
        for (i, c) in u.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if c != UInt8(ascii: "-") { return false }
            } else if !((48...57).contains(c) || (97...102).contains(c) || (65...70).contains(c)) {
                return false
            }
        }
        return true
    }
}
