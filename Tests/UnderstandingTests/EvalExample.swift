import Foundation
import JSONSchema
import SupportModel
import Understanding

/// One labelled message of `Fixtures/eval.jsonl`.
struct EvalExample {
    struct Span: Hashable {
        let type: EntityType
        let start: Int
        let end: Int
        let normalized: String?
    }

    let id: String
    let split: String
    let text: String
    let language: Language
    let intent: Intent
    let sentiment: SentimentLabel
    let entities: [Span]
    let cues: Set<EscalationCueKind>
    let condition: ClaimedCondition?
    let variant: String?
    let referenceDay: CalendarDay

    /// The folder of the fixtures, next to this file.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Every example of the evaluation set.
    static func load() throws -> [EvalExample] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("eval.jsonl"))
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { try EvalExample(line: String($0)) }
    }

    init(line: String) throws {
        let json = try JSONValue.parse(line)
        func string(_ key: String) throws -> String {
            guard let value = json[key]?.stringValue else { throw EvalFixtureError(field: key, line: line) }
            return value
        }
        func decode<T: RawRepresentable<String>>(_ key: String, as: T.Type) throws -> T {
            guard let value = T(rawValue: try string(key)) else { throw EvalFixtureError(field: key, line: line) }
            return value
        }
        id = try string("id")
        split = try string("split")
        text = try string("text")
        language = try decode("language", as: Language.self)
        intent = try decode("intent", as: Intent.self)
        sentiment = try decode("sentiment", as: SentimentLabel.self)
        entities = try (json["entities"]?.arrayValue ?? []).map { entity in
            guard let type = entity["type"]?.stringValue.flatMap(EntityType.init(rawValue:)),
                let start = entity["start"]?.intValue, let end = entity["end"]?.intValue
            else { throw EvalFixtureError(field: "entities", line: line) }
            return Span(type: type, start: Int(start), end: Int(end), normalized: entity["normalized"]?.stringValue)
        }
        cues = Set(try (json["cues"]?.arrayValue ?? []).map { cue in
            guard let kind = cue.stringValue.flatMap(EscalationCueKind.init(rawValue:)) else {
                throw EvalFixtureError(field: "cues", line: line)
            }
            return kind
        })
        condition = json["claimed_condition"]?.stringValue.flatMap(ClaimedCondition.init(rawValue:))
        variant = json["requested_variant"]?.stringValue
        referenceDay = try CalendarDay(iso: try string("reference_date"))
    }
}

/// A line of the evaluation set that does not have the expected shape.
struct EvalFixtureError: Error, CustomStringConvertible {
    let field: String
    let line: String
    var description: String { "eval.jsonl: bad or missing \"\(field)\" in \(line)" }
}
