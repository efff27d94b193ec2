import Drafting
import Foundation
import JSONSchema
import SupportModel

/// The core of `support-worker draft`: JSON Lines of reply plans in, one line out per plan
/// with the text, the backend that wrote it and the guardrail verdict. A bad line gives
/// `{"plan_id", "error"}` and the rest go on.
public struct DraftProcessor: Sendable {
    public let service: DraftingService

    public init(service: DraftingService = DraftingService()) {
        self.service = service
    }

    /// Decodes one plan line (snake_case keys, RFC 3339 times).
    public func decodePlan(_ line: String) throws(DraftInputError) -> ReplyPlan {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw DraftInputError(planID: nil, message: "not JSON: \(error)")
        }
        let planID = value["plan_id"]?.stringValue
        guard case .object = value else { throw DraftInputError(planID: nil, message: "a plan must be a JSON object") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { d in
            let text = try d.singleValueContainer().decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: d.codingPath, debugDescription: "not an RFC 3339 time: \(text)"))
            }
            return date
        }
        do {
            var plan = try decoder.decode(ReplyPlan.self, from: Data(line.utf8))
            plan.planID = planID
            return plan
        } catch let error as DecodingError {
            throw DraftInputError(planID: planID, message: Self.describe(error))
        } catch {
            throw DraftInputError(planID: planID, message: "\(error)")
        }
    }

    /// Drafts one line; nil for a blank line.
    public func process(line: String) async -> String? {
        guard !line.allSatisfy(\.isWhitespace) else { return nil }
        let plan: ReplyPlan
        do {
            plan = try decodePlan(line)
        } catch {
            var out: [String: JSONValue] = ["error": .string(error.message)]
            out["plan_id"] = error.planID.map(JSONValue.string) ?? .null
            return JSONValue.object(out).serialized()
        }
        let draft = await service.draft(plan)
        var out: [String: JSONValue] = [
            "plan_id": plan.planID.map(JSONValue.string) ?? .null,
            "text": .string(draft.text),
            "language": .string(draft.language.rawValue),
            "backend": .string(draft.backend),
            "guardrails": Self.json(draft.verdict),
        ]
        if let refused = draft.refusedDraftVerdict { out["refused_draft_guardrails"] = Self.json(refused) }
        return JSONValue.object(out).serialized()
    }

    static func json(_ verdict: GuardrailVerdict) -> JSONValue {
        [
            "passed": .bool(verdict.passed),
            "violations": .array(verdict.violations.map { ["code": .string($0.code.rawValue), "detail": .string($0.detail)] }),
        ]
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            "/" + context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context))/\(key.stringValue): missing required field"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(type), found null"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// A draft input line that cannot be used.
public struct DraftInputError: Error, Sendable, CustomStringConvertible {
    public var planID: String?
    public var message: String
    public var description: String { message }
}
