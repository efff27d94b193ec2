import SupportTools
import SupportDatabase
import SupportPipeline
import Escalation
import Foundation
import RefundPolicy

/// Loads the policy and escalation files named by options, or the shipped defaults; a bad
/// file is a usage error naming the file and the field.
enum ConfigurationLoader {
    static func policy(_ path: String?) throws -> RefundPolicyDocument {
        do {
            guard let path else { return try RefundPolicyDocument.embedded() }
            return try RefundPolicyDocument(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw UsageError("refund policy \(path ?? "(built in)") refused: \(error)")
        }
    }

    static func escalation(_ path: String?) throws -> EscalationConfiguration {
        guard let path else { return .standard }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read escalation configuration \(path)")
        }
        do {
            return try EscalationConfiguration.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw UsageError("\(path): \(error)")
        }
    }
}
