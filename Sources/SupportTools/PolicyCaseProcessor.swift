import RefundPolicy
import Foundation
import JSONSchema

/// `support-worker decide` as a library: JSON Lines of policy cases in, one JSON line per case
/// out, in order. A malformed line gives `{"case_id": …, "error": "…"}` naming the problem
/// (with the case id when it could be read) and the lines after it are still decided. Blank
/// lines are skipped.
public struct PolicyCaseProcessor: Sendable {
    /// The engine deciding each case.
    public let engine: PolicyEngine

    /// A processor deciding with `engine`.
    public init(engine: PolicyEngine) { self.engine = engine }

    /// The output line (without newline) for one input line; nil for a blank line.
    public func process(line: String) -> String? { process(lineBytes: Array(line.utf8)) }

    /// The output line (without newline) for one input line of bytes; nil for a blank line.
    public func process(lineBytes: some Collection<UInt8>) -> String? { answer(lineBytes)?.text }

    /// The output line for one input line and whether it is an error; nil for a blank line.
    private func answer(_ lineBytes: some Collection<UInt8>) -> (text: String, failed: Bool)? {
        guard lineBytes.contains(where: { !Self.isJSONWhitespace($0) }) else { return nil }
        do {
            let decision = engine.decide(try PolicyCase.decode(jsonLine: lineBytes))
            return (Self.encode(decision), false)
        } catch {
            return (Self.encode(ErrorLine(caseID: error.caseID, error: error.summary)), true)
        }
    }

    /// Decides every line of `input` and writes one line per non-blank input line to `output`,
    /// reading and writing in chunks so that input of any length streams through.
    @discardableResult
    public func run(input: FileHandle, output: FileHandle) throws -> PolicyCaseRunSummary {
        var summary = PolicyCaseRunSummary()
        var pending: [UInt8] = []
        func flush(_ lines: ArraySlice<UInt8>, into out: inout Data) {
            var line = lines
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            guard let result = answer(line) else { return }
            if result.failed { summary.failed += 1 } else { summary.decided += 1 }
            out.append(contentsOf: result.text.utf8)
            out.append(UInt8(ascii: "\n"))
        }
        while let chunk = try input.read(upToCount: 1 << 16), !chunk.isEmpty {
            pending.append(contentsOf: chunk)
            var out = Data()
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                flush(pending[start..<newline], into: &out)
                start = newline + 1
            }
            pending.removeSubrange(..<start)
            if !out.isEmpty { try output.write(contentsOf: out) }
        }
        var out = Data()
        flush(pending[...], into: &out)
        if !out.isEmpty { try output.write(contentsOf: out) }
        return summary
    }

    private struct ErrorLine: Encodable {
        let caseID: String?
        let error: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case caseID = "case_id"
            case error
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(caseID, forKey: .caseID)
            try container.encode(error, forKey: .error)
        }
    }

    private static func encode(_ decision: PolicyDecision) -> String {
        do {
            return try decision.jsonLine()
        } catch {
            return encode(ErrorLine(caseID: decision.caseID, error: "cannot write the decision: \(error)"))
        }
    }

    private static func encode(_ errorLine: ErrorLine) -> String {
        do {
            return try OrderedJSONLine.encode(errorLine, order: ErrorLine.CodingKeys.allCases.map(\.rawValue))
        } catch {
            return #"{"case_id":null,"error":"cannot write the error"}"#
        }
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
