import SupportTools
import SupportDatabase
import SupportPipeline
import CommandLineOptions
import Foundation
import RefundPolicy

/// `decide`: JSON Lines of policy cases in, decisions out.
enum DecideCommand: Subcommand {
    static let spec = CommandSpec(
        name: "decide",
        summary: "Apply the refund policy: JSON Lines of cases in, decisions out.",
        discussion: """
            Reads policy cases (Schemas/policy-case.schema.json; see docs/policy.md) from the files named or
            standard input and writes one decision per case, in order (Schemas/policy-decision.schema.json).
            A malformed case gives {"case_id", "error"}; the rest go on.
            """,
        options: [
            OptionSpec(
                "policy", env: "SUPPORT_POLICY", kind: .value(placeholder: "FILE"),
                help: "Refund policy file; default: the shipped policies/default.json."),
        ],
        positional: "FILE…")

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let processor = PolicyCaseProcessor(engine: PolicyEngine(policy: try ConfigurationLoader.policy(options.string("policy"))))
        let summary = try await JSONLinesRunner.run(inputs: options.positional) { bytes in
            guard let line = processor.process(lineBytes: bytes) else { return nil }
            return (line, isErrorLine(line))
        }
        return JSONLinesRunner.exitCode(summary, command: "decide")
    }
}
