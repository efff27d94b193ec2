import Testing
@testable import JSONSchema

@Suite struct JSONSchemaTests {
    static let orderSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["id", "lines", "placed_at"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string", "pattern": "^[0-9]{8,20}$"},
            "placed_at": {"type": "string", "format": "date-time"},
            "status": {"enum": ["paid", "shipped"]},
            "note": {"type": ["string", "null"], "maxLength": 4},
            "customer": {"type": "string", "format": "uuid"},
            "lines": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/line"}}
          },
          "$defs": {
            "line": {
              "type": "object",
              "required": ["qty"],
              "properties": {"qty": {"type": "integer", "minimum": 1, "maximum": 99}}
            }
          }
        }
        """

    @Test func acceptsAValidDocument() throws {
        let schema = try JSONSchema(parsing: Self.orderSchema)
        let doc = try JSONValue.parse(
            #"{"id":"12345678","placed_at":"2026-11-20T10:00:00Z","status":"paid","note":"退货","lines":[{"qty":2}],"customer":"7c9e6679-7425-40de-944b-e07fc1f90ae7"}"#
        )
        #expect(schema.validate(doc) == [])
    }

    @Test func reportsEachViolationWithItsPath() throws {
        let schema = try JSONSchema(parsing: Self.orderSchema)
        let doc = try JSONValue.parse(
            #"{"id":"12ab","placed_at":"yesterday","status":"lost","note":"too long","lines":[{"qty":0},{"qty":1.5}],"extra":1,"customer":"nope"}"#
        )
        let found = Set(schema.validate(doc).map { "\($0.instancePath) \($0.keyword)" })
        #expect(
            found == [
                "/id pattern", "/placed_at format", "/status enum", "/note maxLength", "/lines/0/qty minimum",
                "/lines/1/qty type", "/extra additionalProperties", "/customer format",
            ])
    }

    @Test func reportsMissingRequiredFieldsAndWrongRootType() throws {
        let schema = try JSONSchema(parsing: Self.orderSchema)
        #expect(schema.validate(.object([:])).map(\.message).sorted() == [
            "missing required field \"id\"", "missing required field \"lines\"", "missing required field \"placed_at\"",
        ])
        #expect(schema.validate(.array([])).map(\.keyword) == ["type"])
    }

    @Test func combinatorsAndConditionals() throws {
        let schema = try JSONSchema(
            parsing: """
                {"oneOf": [{"type": "integer"}, {"type": "string", "minLength": 2}],
                 "not": {"const": 13},
                 "if": {"type": "integer"}, "then": {"multipleOf": 2}}
                """)
        #expect(schema.isValid(4))
        #expect(schema.isValid("ab"))
        #expect(!schema.isValid(3))
        #expect(!schema.isValid("a"))
        #expect(!schema.isValid(true))
    }

    @Test(arguments: [
        (#"{"type": "strin"}"#, "/type"),
        (#"{"properties": {"a": {"minLenght": 3}}}"#, "/properties/a/minLenght"),
        (##"{"$ref": "#/$defs/missing"}"##, "/$ref"),
        (#"{"$ref": "other.json"}"#, "/$ref"),
        (#"{"pattern": "(["}"#, "/pattern"),
        (#"{"maxLength": -1}"#, "/maxLength"),
    ])
    func refusesSchemasItCannotEnforce(text: String, path: String) {
        do {
            _ = try JSONSchema(parsing: text)
            Issue.record("schema was accepted")
        } catch {
            #expect(error.schemaPath == path)
        }
    }
}
