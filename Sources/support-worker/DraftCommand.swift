import SupportTools
import SupportDatabase
import SupportPipeline
import CommandLineOptions
import Drafting
import Foundation

/// `draft`: JSON Lines of reply plans in, drafts out.
enum DraftCommand: Subcommand {
    static let spec = CommandSpec(
        name: "draft",
        summary: "Write replies: JSON Lines of reply plans in, drafts with backend and guardrail verdict out.",
        discussion: """
            Reads reply plans (Schemas/reply-plan.schema.json) from the files named or standard input and
            writes one line per plan: {"plan_id", "text", "language", "backend", "guardrails": {"passed",
            "violations"}}. A bad line gives {"plan_id", "error"}; the rest go on.
            """,
        options: [],
        positional: "FILE…")

    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32 {
        let processor = DraftProcessor()
        let summary = try await JSONLinesRunner.run(inputs: options.positional) { bytes in
            switch utf8Line(bytes, idKey: "plan_id") {
            case .failure(let error): return (error.line, true)
            case .success(let text):
                guard let line = await processor.process(line: text) else { return nil }
                return (line, isErrorLine(line))
            }
        }
        return JSONLinesRunner.exitCode(summary, command: "draft")
    }
}
