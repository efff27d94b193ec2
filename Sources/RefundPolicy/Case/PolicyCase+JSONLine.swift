import Foundation
import JSONSchema

extension PolicyCase {
    /// Reads one case from a line of JSON: syntax, then `Schemas/policy-case.schema.json`,
    /// then the Swift types.
    public static func decode(jsonLine line: some Collection<UInt8>) throws(PolicyCaseError) -> PolicyCase {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw PolicyCaseError(code: error.code == .invalidUTF8 ? .notUTF8 : .notJSON, message: "not valid JSON: \(error)")
        }
        guard case .object = value else { throw PolicyCaseError(code: .notObject, message: "expected a JSON object") }
        let caseID = value["case_id"]?.stringValue
        switch PolicySchemas.policyCase {
        case .success(let schema):
            if let violation = schema.validate(value).first {
                throw PolicyCaseError(
                    code: .invalidField, caseID: caseID, field: violation.instancePath, message: violation.message)
            }
        case .failure(let error):
            throw PolicyCaseError(code: .invalidField, caseID: caseID, message: "the case schema of this build does not compile: \(error)")
        }
        do {
            return try JSONDecoder().decode(PolicyCase.self, from: Data(line))
        } catch let error as DecodingError {
            let problem = error.fieldProblem
            throw PolicyCaseError(code: .invalidField, caseID: caseID, field: problem.pointer, message: problem.message)
        } catch {
            throw PolicyCaseError(code: .invalidField, caseID: caseID, message: "cannot read the case")
        }
    }
}
