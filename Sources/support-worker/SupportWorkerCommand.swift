import SupportTools
import SupportDatabase
import SupportPipeline
import CommandLineOptions
import Foundation

/// Exit codes of `support-worker`.
enum ExitCode {
    /// Everything succeeded.
    static let success: Int32 = 0
    /// The command ran but failed (a service error, or some input lines were errors).
    static let failure: Int32 = 1
    /// The command line or configuration is wrong; nothing was done.
    static let usage: Int32 = 2
}

/// One subcommand.
protocol Subcommand: Sendable {
    static var spec: CommandSpec { get }
    /// Runs with parsed options; returns the exit code.
    static func run(_ options: ParsedOptions, environment: [String: String]) async throws -> Int32
}

enum SupportWorkerCommand {
    static let executable = "support-worker"
    static let commands: [any Subcommand.Type] = [
        RunCommand.self, MigrateCommand.self, SeedDemoCommand.self, DevBrokerCommand.self, DemoCommand.self,
        AnalyzeCommand.self, EvalNLUCommand.self, DecideCommand.self, DraftCommand.self, LoadgenCommand.self,
        KnowledgeBaseImportCommand.self, KnowledgeBaseSearchCommand.self, EvalKnowledgeBaseCommand.self,
    ]

    static func main(arguments: [String]) async -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        guard let first = arguments.first, first != "--help", first != "-h", first != "help" else {
            print(overview())
            return arguments.isEmpty ? ExitCode.usage : ExitCode.success
        }
        if first == "--version" {
            print("support-worker \(BuildInfo.version)")
            return ExitCode.success
        }
        // Two-word commands: `kb import`, `kb search`.
        var arguments = arguments
        if first == "kb", arguments.count > 1, !arguments[1].hasPrefix("-") {
            arguments = ["kb " + arguments[1]] + arguments.dropFirst(2)
        }
        let name = arguments[0]
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            printError("unknown command \"\(name)\"; run `\(executable) --help` for the list")
            return ExitCode.usage
        }
        do {
            switch try CommandLineParser.parse(Array(arguments.dropFirst()), environment: environment, command: command.spec) {
            case .help:
                print(CommandLineParser.help(for: command.spec, executable: executable))
                return ExitCode.success
            case .run(let options):
                return try await command.run(options, environment: environment)
            }
        } catch let error as CommandLineError {
            printError(error.message)
            return ExitCode.usage
        } catch let error as UsageError {
            printError(error.message)
            return ExitCode.usage
        } catch {
            printError("\(name) failed: \(error)")
            return ExitCode.failure
        }
    }

    static func overview() -> String {
        var text = """
            support-worker \(BuildInfo.version): AI after-sales support for online shops.

            USAGE: \(executable) <command> [options]

            COMMANDS:

            """
        for command in commands {
            let name = command.spec.name.padding(toLength: 12, withPad: " ", startingAt: 0)
            text += "  \(name)\(command.spec.summary)\n"
        }
        text += """

            Every option can also be set through the environment variable shown in
            `\(executable) <command> --help`. Exit codes: 0 success, 1 failure (or some input lines
            were errors), 2 bad command line or configuration.
            """
        return text
    }
}

/// A configuration problem found before anything ran (exit code 2).
struct UsageError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

enum BuildInfo {
    static let version = "0.1.0"
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("support-worker: \(message)\n".utf8))
}
